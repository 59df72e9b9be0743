namespace PatentNav.Market.Grains.Navigation;

/// <summary>Patents of the scope whose valuation in effect scored <c>Score</c> (0–100) on one GB/T 42748 dimension.</summary>
public sealed record ScoreCount(string Dimension, int Score, long Patents);

/// <summary>Scored patents with <c>From</c> ≤ score ≤ <c>To</c>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ScoreBucket(int From, int To, long Patents);

/// <summary>
/// One GB/T 42748-2023 dimension (<c>legal</c>, <c>technical</c>, <c>economic</c>) over the scope's scored patents:
/// count, mean (2 decimals), min, nearest-rank quartiles, max, and five buckets 0–19, 20–39, 40–59, 60–79, 80–100.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ScoreDistribution(
    string Dimension, long Scored, double? Mean, int? Min, int? Q1, int? Median, int? Q3, int? Max, IReadOnlyList<ScoreBucket> Buckets)
{
    public static readonly IReadOnlyList<string> Dimensions = ["legal", "technical", "economic"];

    /// <summary>Bucket lower bounds; the last bucket ends at 100 inclusive.</summary>
    public static readonly int[] Bounds = [0, 20, 40, 60, 80];

    /// <summary>Every dimension, in <see cref="Dimensions"/> order, from the per-score counts (absent: none scored).</summary>
    public static IReadOnlyList<ScoreDistribution> All(IEnumerable<ScoreCount> counts)
    {
        var byDimension = counts.Where(c => c.Patents > 0).ToLookup(c => c.Dimension);
        return [.. Dimensions.Select(d => Of(d, byDimension[d].ToDictionary(c => c.Score, c => c.Patents)))];
    }

    /// <summary>
    /// Nearest rank: the p-quantile is the smallest score s with #{x ≤ s} ≥ p·n (as <c>percentile_disc</c>), p = ¼, ½, ¾.
    /// </summary>
    public static ScoreDistribution Of(string dimension, IReadOnlyDictionary<int, long> countsByScore)
    {
        var scores = countsByScore.Where(c => c.Value > 0).OrderBy(c => c.Key).ToList();
        var n = scores.Sum(c => c.Value);
        var buckets = Bounds.Select((from, i) => new ScoreBucket(from, i + 1 < Bounds.Length ? Bounds[i + 1] - 1 : 100,
            scores.Where(c => c.Key >= from && (i + 1 >= Bounds.Length || c.Key < Bounds[i + 1])).Sum(c => c.Value))).ToList();
        if (n == 0) return new ScoreDistribution(dimension, 0, null, null, null, null, null, null, buckets);
        int Quantile(double p)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(p * n));
            long seen = 0;
            foreach (var (score, count) in scores)
                if ((seen += count) >= rank) return score;
            return scores[^1].Key;
        }
        var mean = Math.Round((double)scores.Sum(c => (long)c.Key * c.Value) / n, 2);
        return new ScoreDistribution(dimension, n, mean, scores[0].Key, Quantile(0.25), Quantile(0.5), Quantile(0.75), scores[^1].Key, buckets);
    }
}
