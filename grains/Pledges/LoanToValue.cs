using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>One pledged patent as the LTV rules see it: its type and the valuation relied on (§3).</summary>
[GenerateSerializer]
[Immutable]
public sealed record CollateralItem(PatentType Type, Money Value, DateOnly EffectiveDate);

/// <summary>
/// Exact loan-to-value arithmetic (§8). A mixed collateral's lending capacity is Σ cap_i × value_i
/// (each patent lends at its own type's cap), kept in bps × minor units so nothing is rounded;
/// the only rounding is <see cref="MaxPrincipal"/>, which floors because a loan may not exceed the cap.
/// </summary>
public static class LoanToValue
{
    public const int FullBps = 10_000;

    /// <summary>Σ value_i in minor units.</summary>
    public static Int128 CollateralValue(IReadOnlyList<CollateralItem> collateral) =>
        collateral.Aggregate(Int128.Zero, (sum, c) => checked(sum + c.Value.Amount));

    /// <summary>Σ cap_i × value_i in bps × minor units: the largest exposure the caps allow, times 10 000.</summary>
    public static Int128 CapacityBps(LtvCaps caps, IReadOnlyList<CollateralItem> collateral) =>
        collateral.Aggregate(Int128.Zero, (sum, c) => checked(sum + (Int128)caps.For(c.Type) * c.Value.Amount));

    /// <summary>The largest principal in whole minor units with principal ≤ Σ cap_i × value_i.</summary>
    public static long MaxPrincipal(LtvCaps caps, IReadOnlyList<CollateralItem> collateral) =>
        checked((long)(CapacityBps(caps, collateral) / FullBps));

    /// <summary>Every valuation is non-negative (400) and in <paramref name="currency"/> (422), naming <c>patents[i]</c>.</summary>
    public static void RequireConsistent(IReadOnlyList<CollateralItem> collateral, string currency)
    {
        for (var i = 0; i < collateral.Count; i++)
        {
            if (collateral[i].Value.Amount < 0)
                throw DomainException.Invalid("invalid_amount", $"patents[{i}].value.amount", "A valuation is not negative.");
            if (collateral[i].Value.Currency != currency)
                throw DomainException.Unprocessable(PledgeCodes.CurrencyMismatch,
                    $"The valuation of patents[{i}] is in {collateral[i].Value.Currency}, the loan in {currency}.", $"patents[{i}]");
        }
    }
}
