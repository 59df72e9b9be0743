using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// What a licence costs. Pool licences: the pool, the rate-card version locked at the start
/// (most-favoured licensee) and whether it is a member's royalty-free cross-licence; the price
/// comes from the pool's card. Bilateral licences: a fixed <see cref="PerUnitRate"/> (in
/// <see cref="Pools.PerUnitRate"/> units, ten-thousandths of a minor unit per unit) and/or a
/// <see cref="LumpSum"/>, in <see cref="Currency"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record LicenceTerms(
    string Currency, long? PerUnitRate = null, Money? LumpSum = null,
    string? PoolId = null, int? RateCardVersion = null, bool RoyaltyFree = false)
{
    /// <summary>Checks bilateral terms from a request; 400 naming the field under <paramref name="field"/>.</summary>
    public static LicenceTerms RequireBilateral(LicenceTerms terms, string field = "terms")
    {
        if (!Currencies.IsKnown(terms.Currency))
            throw DomainException.Invalid("unknown_currency", $"{field}.currency", $"'{terms.Currency}' is not a supported ISO 4217 currency code.");
        if (terms.PerUnitRate is null && terms.LumpSum is null)
            throw DomainException.Invalid("required", $"{field}.ratePerUnit", "Give a per-unit rate, a lump sum, or both.");
        if (terms.PerUnitRate is < 0)
            throw DomainException.Invalid("negative_rate", $"{field}.ratePerUnit", "Rates are not negative.");
        if (terms.LumpSum is { } lump)
        {
            Currencies.Require(lump, $"{field}.lumpSum");
            if (lump.Currency != terms.Currency)
                throw DomainException.Invalid("currency_mismatch", $"{field}.lumpSum.currency", $"The lump sum is paid in the licence currency {terms.Currency}.");
        }
        return terms with { PoolId = null, RateCardVersion = null, RoyaltyFree = false };
    }

    /// <summary>
    /// A bilateral running royalty: units × the fixed rate, rounded half-even once (§2).
    /// Throws <see cref="OverflowException"/> when the amount does not fit in minor units.
    /// </summary>
    public Money FlatRoyalty(long units) =>
        new(Post(checked((Int128)units * (PerUnitRate ?? 0) * (ExactAmount.Scale / Pools.PerUnitRate.Scale))), Currency);

    /// <summary>Rounds an exact amount to minor units, refusing what a <c>long</c> cannot hold instead of truncating it.</summary>
    public static long Post(Int128 exact) =>
        exact / ExactAmount.Scale < long.MaxValue ? ExactAmount.RoundHalfEven(exact) : throw new OverflowException("The amount exceeds the minor units a long holds.");
}
