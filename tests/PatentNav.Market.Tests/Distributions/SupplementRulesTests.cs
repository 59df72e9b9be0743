using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>Supplementary distributions share late cash with the original run's stored weights; their ids and keys.</summary>
public class SupplementRulesTests
{
    private static readonly DateOnly Start = new(2030, 4, 1), End = new(2030, 7, 1);

    private static Distribution Original(params DistributionLine[] lines) => new(
        "2030-04-01_2030-07-01", "pool_1", Start, End, "pty_center", new Money(1_000, "USD"), 1_500, new Money(150, "USD"), new Money(850, "USD"),
        "CNY", [], lines, [], "dist:pool_1:2030-04-01:2030-07-01", DateTimeOffset.UnixEpoch, "admin");

    private static DistributionLine Line(string patent, string owner, int days, string weight) =>
        new(patent, owner, days, weight, new Money(0, "USD"), null, $"licensor:{owner}:payable");

    [Fact]
    public void Late_cash_is_split_with_exactly_the_stored_weights_fractions_included()
    {
        var original = Original(Line("P1", "a", 91, "105500/3"), Line("P1", "b", 91, "105500/3"), Line("P2", "c", 59, "59000/3"));

        var holdings = DistributionPayouts.Holdings(original);
        var amounts = DistributionCalculator.Compute(new Money(10_001, "USD"), original.AdminFeeBps, holdings);

        Assert.Equal(["105500/3", "105500/3", "59000/3"], holdings.Select(h => h.Weight.ToString()));
        // F = floor(1 500.15) = 1 500; D = 8 501 over 105 500 : 105 500 : 59 000 → 3 321.69, 3 321.69, 1 857.63: floors
        // 8 499, the two units left go to the largest remainders (a and b).
        Assert.Equal((1_500L, 8_501L), (amounts.AdminFee.Amount, amounts.Distributable.Amount));
        Assert.Equal(8_501L, amounts.Shares.Sum(s => s.Share));
        Assert.Equal([3_322L, 3_322L, 1_857L], amounts.Shares.Select(s => s.Share));
    }

    [Fact]
    public void Supplement_ids_parse_back_and_nothing_else_does()
    {
        var id = DistributionPeriodRules.SupplementId(Start, End, 2);

        Assert.Equal("2030-04-01_2030-07-01_s2", id);
        Assert.True(DistributionPeriodRules.TryParseId(id, out var start, out var end, out var supplement));
        Assert.Equal((Start, End, (int?)2), (start, end, supplement));
        Assert.True(DistributionPeriodRules.TryParseId("2030-04-01_2030-07-01", out _, out _, out var none));
        Assert.Null(none);
        Assert.False(DistributionPeriodRules.TryParseId(id, out _, out _)); // the two-part form is the original only
        foreach (var bad in new[] { "2030-04-01_2030-07-01_s0", "2030-04-01_2030-07-01_s", "2030-04-01_2030-07-01_x1", "2030-04-01_2030-07-01_s01", "a_b_s1_c" })
            Assert.False(DistributionPeriodRules.TryParseId(bad, out _, out _, out _), bad);
        Assert.Equal("pool_1:2030-04-01:2030-07-01:s2", DistributionPeriodRules.SupplementKey(DistributionPeriodRules.Key("pool_1", Start, End), 2));
    }
}
