using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// One published version of a pool's rate card (§5). Immutable: a change is a new version.
/// All money fields are minor units of <see cref="Currency"/>; rates are <see cref="PerUnitRate"/> units.
/// <list type="bullet">
/// <item><see cref="EnterpriseCap"/>: most a licensee pays per licence year across all categories (null = none).</item>
/// <item><see cref="DeMinimis"/>: a licensee whose royalty for the licence year so far is below it pays nothing (null = none).</item>
/// <item><see cref="RegionMultipliers"/>: 0..10 000 bps each; a region not listed pays 10 000 (full price).
/// Multipliers only reduce: a surcharge above list price is refused by validation.</item>
/// <item><see cref="ComplianceDiscountBps"/>: 0..10 000, off the units of a report made with nothing overdue.</item>
/// </list>
/// </summary>
[GenerateSerializer]
public sealed record RateCard(
    int Version,
    string Currency,
    DateOnly EffectiveFrom,
    IReadOnlyList<CategoryRates> Categories,
    long? EnterpriseCap = null,
    long? DeMinimis = null,
    IReadOnlyList<RegionMultiplier>? RegionMultipliers = null,
    int ComplianceDiscountBps = 0)
{
    public const int FullPriceBps = 10_000;

    /// <summary>The terms of <paramref name="code"/>; 400 <c>unknown_category</c> naming <paramref name="field"/> otherwise.</summary>
    public CategoryRates Category(string code, string field = "category") =>
        Categories.FirstOrDefault(c => c.Code == code)
        ?? throw DomainException.Invalid("unknown_category", field, $"Rate card v{Version} has no category '{code}'.");

    /// <summary>The multiplier for <paramref name="region"/> in bps; unlisted regions pay full price.</summary>
    public int MultiplierBps(string region) =>
        RegionMultipliers?.FirstOrDefault(m => m.Region == region)?.Bps ?? FullPriceBps;
}
