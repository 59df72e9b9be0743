namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// The valuation histogram's buckets (docs/NAVIGATION.md): decades of the currency's major unit from 10 000
/// (1 万元) up, in minor units. A value v falls into the bucket [Bounds[i], Bounds[i+1]); the last has no upper bound.
/// </summary>
public static class ValueBuckets
{
    public static readonly long[] Bounds = [0, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>The bucket of every bound, with its count (absent counts are zero).</summary>
    public static IReadOnlyList<ValueBucket> From(IReadOnlyDictionary<int, long> countsByBucket) =>
        [.. Bounds.Select((from, i) => new ValueBucket(from, i + 1 < Bounds.Length ? Bounds[i + 1] : null, countsByBucket.GetValueOrDefault(i + 1)))];
}
