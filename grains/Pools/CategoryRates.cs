namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// The terms for one product category of a rate card: the marginal <see cref="Tiers"/> and an
/// optional <see cref="AnnualCap"/> — the most one licensee pays for this category in one licence
/// year, in minor units of the card's currency (null = uncapped).
/// </summary>
[GenerateSerializer]
public sealed record CategoryRates(string Code, IReadOnlyList<Tier> Tiers, long? AnnualCap = null);

/// <summary>A region's price factor in bps (10 000 = full price; HEVC-style "region 2" = 5 000).</summary>
[GenerateSerializer]
[Immutable]
public sealed record RegionMultiplier(string Region, int Bps);
