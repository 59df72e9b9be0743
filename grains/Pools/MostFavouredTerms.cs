using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// Most-favoured licensee (§5): a licensee keeps the card in force when its licence began
/// (<c>locked</c>) and, under any later version, gets whichever term is lower, term by term:
/// each tier rate is the lower of the two rates for the same units (schedules with different
/// boundaries are split at every boundary of either), each cap the lower (a missing cap is no cap),
/// each region multiplier the lower, the compliance discount and de-minimis threshold the
/// higher. A category in only one version keeps that version's terms. The result carries the
/// later version's number and date, so its price never exceeds either version's for any units.
/// </summary>
public static class MostFavouredTerms
{
    public static RateCard Merge(RateCard locked, RateCard later)
    {
        if (locked.Currency != later.Currency)
            throw DomainException.Unprocessable("currency_mismatch", $"Cannot merge {locked.Currency} and {later.Currency} terms.", "currency");
        var categories = later.Categories
            .Select(c => locked.Categories.FirstOrDefault(l => l.Code == c.Code) is { } old ? MergeCategory(old, c) : c)
            .Concat(locked.Categories.Where(l => later.Categories.All(c => c.Code != l.Code)))
            .ToList();
        var regions = (locked.RegionMultipliers ?? []).Select(r => r.Region)
            .Union((later.RegionMultipliers ?? []).Select(r => r.Region))
            .Select(r => new RegionMultiplier(r, Math.Min(locked.MultiplierBps(r), later.MultiplierBps(r))))
            .ToList();
        return later with
        {
            Categories = categories,
            EnterpriseCap = LowerCap(locked.EnterpriseCap, later.EnterpriseCap),
            DeMinimis = Higher(locked.DeMinimis, later.DeMinimis),
            RegionMultipliers = regions,
            ComplianceDiscountBps = Math.Max(locked.ComplianceDiscountBps, later.ComplianceDiscountBps),
        };
    }

    /// <summary>The pointwise lower marginal rate at every unit, adjacent equal tiers joined.</summary>
    public static IReadOnlyList<Tier> LowerTiers(IReadOnlyList<Tier> a, IReadOnlyList<Tier> b)
    {
        var bounds = a.Concat(b).Where(t => t.UpTo is not null).Select(t => t.UpTo!.Value).Distinct().Order();
        var tiers = new List<Tier>();
        long lower = 0;
        foreach (var upper in bounds.Select(u => (long?)u).Append(null))
        {
            var unit = lower + 1; // first unit of this segment; both schedules are constant on it
            var rate = Math.Min(TierSchedule.RateAt(a, unit), TierSchedule.RateAt(b, unit));
            if (tiers.Count > 0 && tiers[^1].Rate == rate) tiers[^1] = tiers[^1] with { UpTo = upper };
            else tiers.Add(new Tier(upper, rate));
            lower = upper ?? lower;
        }
        return tiers;
    }

    private static CategoryRates MergeCategory(CategoryRates locked, CategoryRates later) =>
        later with { Tiers = LowerTiers(locked.Tiers, later.Tiers), AnnualCap = LowerCap(locked.AnnualCap, later.AnnualCap) };

    private static long? LowerCap(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static long? Higher(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
