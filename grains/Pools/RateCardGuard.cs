using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// The reasonableness guard (§5): a new version may not raise any rate or cap by more than the
/// charter's limit over the previous version. Compared: each tier rate against every previous
/// rate over the same units (so narrowing a free tier is a raise from 0, always refused), each
/// category cap and the enterprise cap (dropping a cap is an unbounded raise), and each region
/// multiplier (an unlisted region counts as 10 000 bps). A category new in this version has
/// nothing to compare with. Refusals are 422 <c>rate_increase_exceeds_limit</c> naming the field.
/// </summary>
public static class RateCardGuard
{
    public const int DefaultLimitBps = 2_000;

    public static void RequireReasonable(RateCard previous, RateCard next, int limitBps = DefaultLimitBps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitBps);
        if (next.Currency != previous.Currency)
            throw DomainException.Unprocessable("currency_mismatch", $"A new version keeps the pool's currency {previous.Currency}.", "currency");
        for (var i = 0; i < next.Categories.Count; i++)
        {
            var before = previous.Categories.FirstOrDefault(c => c.Code == next.Categories[i].Code);
            if (before is not null) CheckCategory(before, next.Categories[i], $"categories[{i}]", limitBps);
        }
        CheckCap(previous.EnterpriseCap, next.EnterpriseCap, "enterpriseCap", limitBps);
        var regions = next.RegionMultipliers ?? [];
        for (var i = 0; i < regions.Count; i++)
            Check(previous.MultiplierBps(regions[i].Region), regions[i].Bps, $"regionMultipliers[{i}].bps", limitBps);
        foreach (var dropped in (previous.RegionMultipliers ?? []).Where(r => regions.All(n => n.Region != r.Region)))
            Check(dropped.Bps, RateCard.FullPriceBps, "regionMultipliers", limitBps, $" (region '{dropped.Region}' dropped)");
    }

    private static void CheckCategory(CategoryRates before, CategoryRates after, string path, int limitBps)
    {
        long newLower = 0;
        for (var t = 0; t < after.Tiers.Count; t++)
        {
            var newUpper = after.Tiers[t].UpTo ?? long.MaxValue;
            long oldLower = 0;
            foreach (var old in before.Tiers)
            {
                var oldUpper = old.UpTo ?? long.MaxValue;
                if (Math.Max(newLower, oldLower) < Math.Min(newUpper, oldUpper))
                    Check(old.Rate, after.Tiers[t].Rate, $"{path}.tiers[{t}].rate", limitBps);
                oldLower = oldUpper;
            }
            newLower = newUpper;
        }
        CheckCap(before.AnnualCap, after.AnnualCap, $"{path}.annualCap", limitBps);
    }

    private static void CheckCap(long? before, long? after, string field, int limitBps)
    {
        if (before is not { } old) return; // adding a cap only lowers prices
        if (after is not { } cap)
            throw Exceeds(field, $"Removing the cap of {old} raises it without bound; the limit is {limitBps} bps.");
        Check(old, cap, field, limitBps);
    }

    private static void Check(long old, long value, string field, int limitBps, string note = "")
    {
        if ((Int128)value * 10_000 > (Int128)old * (10_000 + limitBps))
            throw Exceeds(field, $"Raising {old} to {value}{note} exceeds the limit of {limitBps} bps over the previous version.");
    }

    private static DomainException Exceeds(string field, string message) =>
        DomainException.Unprocessable("rate_increase_exceeds_limit", message, field);
}
