using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// The approval gate of a pledge loan (§8), also used on renewal: every valuation in force on the
/// day and at most 12 months old (§3), and principal ≤ Σ cap_i × value_i. Checks run in that order
/// so a stale book never yields an LTV verdict; the first failure is thrown as a 422.
/// </summary>
public static class CollateralCheck
{
    /// <summary>Returns the maximum principal the collateral supports; throws if <paramref name="principal"/> exceeds it.</summary>
    public static long Approve(FinancierProduct product, long principal, IReadOnlyList<CollateralItem> collateral, DateOnly day)
    {
        if (principal <= 0) throw DomainException.Invalid("invalid_amount", "principal.amount", "Principal must be positive.");
        RequireUsable(collateral, product.Currency, day);
        var max = LoanToValue.MaxPrincipal(product.LtvCaps, collateral);
        if (principal > max)
        {
            var exponent = Currencies.MinorUnitExponent(product.Currency);
            throw DomainException.Unprocessable(PledgeCodes.LtvExceeded,
                $"Principal {Rational.Format(principal, product.Currency, exponent)} exceeds the maximum " +
                $"{Rational.Format(max, product.Currency, exponent)} (max principal {max} minor units) that the collateral supports under the LTV caps.",
                "principal");
        }
        return max;
    }

    /// <summary>Non-empty, one currency, and every valuation effective on or before the day and not stale (§3).</summary>
    public static void RequireUsable(IReadOnlyList<CollateralItem> collateral, string currency, DateOnly day)
    {
        if (collateral.Count == 0) throw DomainException.Unprocessable(PledgeCodes.NoCollateral, "At least one patent must be pledged.", "patents");
        LoanToValue.RequireConsistent(collateral, currency);
        for (var i = 0; i < collateral.Count; i++) RequireCurrent(collateral[i], day, $"patents[{i}]");
    }

    /// <summary>
    /// One patent added as more collateral (a margin call's cure, §8): a valuation in the loan's currency, in effect on the
    /// day and at most 12 months old, i.e. re-appraised as an original pledge would be. Refusals name <paramref name="field"/>.
    /// </summary>
    public static void RequireUsable(CollateralItem item, string currency, DateOnly day, string field)
    {
        if (item.Value.Amount < 0) throw DomainException.Invalid("invalid_amount", field, "A valuation is not negative.");
        if (item.Value.Currency != currency)
            throw DomainException.Unprocessable(PledgeCodes.CurrencyMismatch, $"The valuation of {field} is in {item.Value.Currency}, the loan in {currency}.", field);
        RequireCurrent(item, day, field);
    }

    private static void RequireCurrent(CollateralItem item, DateOnly day, string field)
    {
        var effective = item.EffectiveDate;
        if (effective > day)
            throw DomainException.Unprocessable(PledgeCodes.ValuationNotYetEffective,
                $"The valuation of {field} takes effect on {effective:yyyy-MM-dd}, after {day:yyyy-MM-dd}.", field);
        if (IsStale(effective, day))
            throw DomainException.Unprocessable(PledgeCodes.StaleValuation,
                $"The valuation of {field} ({effective:yyyy-MM-dd}) is more than 12 months old on {day:yyyy-MM-dd}; revalue it.", field);
    }

    /// <summary>The §3 rule, identical to <see cref="Valuation.IsStaleOn"/>: stale once 12 calendar months have passed.</summary>
    public static bool IsStale(DateOnly effective, DateOnly day) => effective.AddMonths(12) < day;
}
