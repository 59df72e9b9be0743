using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Distributions;

public class DistributionPeriodRulesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Theory]
    [InlineData(DistributionPeriod.Quarterly, "2030-07-01", "2030-10-01")]
    [InlineData(DistributionPeriod.Quarterly, "2030-10-01", "2031-01-01")]
    [InlineData(DistributionPeriod.HalfYearly, "2030-07-01", "2031-01-01")]
    [InlineData(DistributionPeriod.Yearly, "2030-01-01", "2031-01-01")]
    public void Whole_charter_periods_are_accepted(DistributionPeriod period, string start, string end) =>
        DistributionPeriodRules.RequireAligned(period, D(start), D(end));

    [Theory]
    [InlineData(DistributionPeriod.Quarterly, "2030-07-02", "2030-10-01")] // not a quarter's first day
    [InlineData(DistributionPeriod.Quarterly, "2030-07-01", "2031-01-01")] // two quarters
    [InlineData(DistributionPeriod.Quarterly, "2030-08-01", "2030-11-01")] // three months, not a quarter
    [InlineData(DistributionPeriod.HalfYearly, "2030-04-01", "2030-10-01")] // a half-year starts in January or July
    [InlineData(DistributionPeriod.Yearly, "2030-01-01", "2030-04-01")]
    public void Anything_else_is_not_aligned(DistributionPeriod period, string start, string end)
    {
        var refused = Assert.Throws<DomainException>(() => DistributionPeriodRules.RequireAligned(period, D(start), D(end)));
        Assert.Equal(("period_not_aligned", "periodStart"), (refused.Code, refused.Field));
    }

    [Fact]
    public void A_period_takes_the_collections_of_each_of_its_reporting_quarters()
    {
        Assert.Equal(["2030-Q3"], DistributionPeriodRules.Quarters(D("2030-07-01"), D("2030-10-01")));
        Assert.Equal(["2030-Q1", "2030-Q2", "2030-Q3", "2030-Q4"], DistributionPeriodRules.Quarters(D("2030-01-01"), D("2031-01-01")));
    }

    [Fact]
    public void Keys_and_ids_round_trip()
    {
        var key = DistributionPeriodRules.Key("pool_0123456789abcdef", D("2030-07-01"), D("2030-10-01"));
        Assert.Equal("pool_0123456789abcdef:2030-07-01:2030-10-01", key);
        Assert.Equal(("pool_0123456789abcdef", D("2030-07-01"), D("2030-10-01")), DistributionPeriodRules.ParseKey(key));
        Assert.Equal("dist:" + key, DistributionPayouts.PostingId(key));

        var id = DistributionPeriodRules.Id(D("2030-07-01"), D("2030-10-01"));
        Assert.Equal("2030-07-01_2030-10-01", id);
        Assert.True(DistributionPeriodRules.TryParseId(id, out var start, out var end));
        Assert.Equal((D("2030-07-01"), D("2030-10-01")), (start, end));
        Assert.False(DistributionPeriodRules.TryParseId("2030-10-01_2030-07-01", out _, out _));
        Assert.False(DistributionPeriodRules.TryParseId("2030-Q3", out _, out _));
    }
}
