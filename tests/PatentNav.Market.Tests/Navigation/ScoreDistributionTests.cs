using PatentNav.Market.Grains.Navigation;

namespace PatentNav.Market.Tests.Navigation;

/// <summary>GB/T 42748 score distributions (docs/NAVIGATION.md, "Value") against values worked by hand.</summary>
public sealed class ScoreDistributionTests
{
    // Legal scores of the worked example: 40, 55, 70, 70, 90, 100 (n = 6).
    // Nearest rank: Q1 rank ⌈1.5⌉ = 2 → 55; median rank 3 → 70; Q3 rank ⌈4.5⌉ = 5 → 90.
    // Mean 425 ÷ 6 = 70.83. Buckets 0–19: 0, 20–39: 0, 40–59: 2, 60–79: 2, 80–100: 2 (100 in the last).
    [Fact]
    public void Quartiles_mean_and_buckets_of_the_worked_scores()
    {
        var d = ScoreDistribution.Of("legal", new Dictionary<int, long> { [40] = 1, [55] = 1, [70] = 2, [90] = 1, [100] = 1 });
        Assert.Equal(6, d.Scored);
        Assert.Equal(70.83, d.Mean);
        Assert.Equal((40, 55, 70, 90, 100), (d.Min!.Value, d.Q1!.Value, d.Median!.Value, d.Q3!.Value, d.Max!.Value));
        Assert.Equal([0L, 0, 2, 2, 2], d.Buckets.Select(b => b.Patents));
        Assert.Equal([(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)], d.Buckets.Select(b => (b.From, b.To)));
    }

    [Fact]
    public void Every_dimension_is_reported_even_without_scores()
    {
        var all = ScoreDistribution.All([new ScoreCount("technical", 20, 3), new ScoreCount("technical", 79, 1)]);
        Assert.Equal(["legal", "technical", "economic"], all.Select(d => d.Dimension));
        Assert.Equal(0, all[0].Scored);
        Assert.Null(all[0].Median);
        // Technical 20, 20, 20, 79: Q1 rank 1 → 20, median rank 2 → 20, Q3 rank 3 → 20; mean 139 ÷ 4 = 34.75.
        Assert.Equal((20, 20, 20, 34.75), (all[1].Q1!.Value, all[1].Median!.Value, all[1].Q3!.Value, all[1].Mean!.Value));
        Assert.Equal([0L, 3, 0, 1, 0], all[1].Buckets.Select(b => b.Patents));
    }

    [Fact]
    public void The_aggregates_cover_whole_catalogue_and_short_ipc_prefixes_over_whole_years_only()
    {
        static LandscapeScope S(string[] ipc, DateOnly? from = null, DateOnly? to = null, string? region = null, string[]? q = null) =>
            new(ipc, q ?? [], from, to, region, null);
        Assert.True(LandscapeAggregates.Covers(S([])));
        Assert.True(LandscapeAggregates.Covers(S(["H01M"], new DateOnly(2016, 1, 1), new DateOnly(2020, 12, 31))));
        Assert.True(LandscapeAggregates.Covers(S(["H"])));
        Assert.False(LandscapeAggregates.Covers(S(["H01M10"])));                          // a main group: exact
        Assert.False(LandscapeAggregates.Covers(S(["H01M", "G06F"])));                    // two prefixes may share patents
        Assert.False(LandscapeAggregates.Covers(S(["H01M"], new DateOnly(2016, 3, 1))));  // part of a year
        Assert.False(LandscapeAggregates.Covers(S(["H01M"], to: new DateOnly(2020, 6, 30))));
        Assert.False(LandscapeAggregates.Covers(S(["H01M"], region: "330000")));
        Assert.False(LandscapeAggregates.Covers(S([], q: ["电池"])));
        Assert.False(LandscapeAggregates.Covers(S([]) with { Focus = "pty_x" }));
        Assert.False(LandscapeAggregates.Covers(S([]) with { AllianceId = "all_x" }));      // members today: exact
        Assert.Equal((2016, 9999), LandscapeAggregates.Years(S(["H01M"], new DateOnly(2016, 1, 1))));
    }
}
