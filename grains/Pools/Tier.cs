namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// One marginal tier of a category's schedule: the units after the previous tier's
/// <see cref="UpTo"/> (or from unit 1) up to and including <see cref="UpTo"/> are charged
/// <see cref="Rate"/> each. The last tier is open-ended (<c>UpTo = null</c>). Tiers carry only
/// their upper bound, so a schedule is contiguous by construction; validation checks the
/// bounds strictly increase. <see cref="Rate"/> is in <see cref="PerUnitRate"/> units
/// (ten-thousandths of a minor unit per unit).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record Tier(long? UpTo, long Rate);

/// <summary>Pure arithmetic on a valid tier schedule (units counted per licence year).</summary>
public static class TierSchedule
{
    /// <summary>
    /// Σ rate over units <paramref name="after"/>+1 .. <paramref name="upTo"/> (the units of a report
    /// that finds <paramref name="after"/> units already reported this licence year), in
    /// <see cref="PerUnitRate"/> units. Each unit falls in exactly one tier.
    /// </summary>
    public static Int128 Amount(IReadOnlyList<Tier> tiers, long after, long upTo)
    {
        Int128 total = 0;
        long lower = 0; // units covered by earlier tiers
        foreach (var tier in tiers)
        {
            var upper = tier.UpTo ?? long.MaxValue;
            var from = Math.Max(after, lower);
            var to = Math.Min(upTo, upper);
            if (to > from) total = checked(total + (Int128)(to - from) * tier.Rate);
            if (upper >= upTo) break;
            lower = upper;
        }
        return total;
    }

    /// <summary>The marginal rate of the <paramref name="unit"/>-th unit of the year (1-based).</summary>
    public static long RateAt(IReadOnlyList<Tier> tiers, long unit)
    {
        foreach (var tier in tiers)
            if (tier.UpTo is null || unit <= tier.UpTo) return tier.Rate;
        throw new ArgumentException("The schedule has no open-ended last tier.", nameof(tiers));
    }
}
