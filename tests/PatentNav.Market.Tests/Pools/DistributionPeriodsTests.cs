using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class DistributionPeriodsTests
{
    [Theory]
    [InlineData("2026-01-01", "2026-04-01")]
    [InlineData("2026-02-14", "2026-04-01")]
    [InlineData("2026-03-31", "2026-04-01")]
    [InlineData("2026-04-01", "2026-07-01")]
    [InlineData("2026-06-30", "2026-07-01")]
    [InlineData("2026-09-30", "2026-10-01")]
    [InlineData("2026-10-01", "2027-01-01")]
    [InlineData("2026-12-31", "2027-01-01")]
    [InlineData("2028-02-29", "2028-04-01")]
    public void Quarterly_withdrawals_take_effect_at_the_next_quarter_start(string day, string next) =>
        Assert.Equal(DateOnly.Parse(next), DistributionPeriods.NextStart(DistributionPeriod.Quarterly, DateOnly.Parse(day)));

    [Theory]
    [InlineData("2026-01-01", "2026-07-01")]
    [InlineData("2026-06-30", "2026-07-01")]
    [InlineData("2026-07-01", "2027-01-01")]
    [InlineData("2026-12-31", "2027-01-01")]
    public void Half_yearly_periods_start_in_january_and_july(string day, string next) =>
        Assert.Equal(DateOnly.Parse(next), DistributionPeriods.NextStart(DistributionPeriod.HalfYearly, DateOnly.Parse(day)));

    [Theory]
    [InlineData("2026-01-01", "2027-01-01")]
    [InlineData("2026-12-31", "2027-01-01")]
    public void Yearly_periods_are_calendar_years(string day, string next) =>
        Assert.Equal(DateOnly.Parse(next), DistributionPeriods.NextStart(DistributionPeriod.Yearly, DateOnly.Parse(day)));

    [Fact]
    public void Every_day_lies_in_its_period_and_the_periods_tile_the_calendar()
    {
        foreach (var period in Enum.GetValues<DistributionPeriod>())
            for (var day = new DateOnly(2024, 1, 1); day < new DateOnly(2026, 1, 1); day = day.AddDays(1))
            {
                var start = DistributionPeriods.CurrentStart(period, day);
                var next = DistributionPeriods.NextStart(period, day);
                Assert.True(start <= day && day < next, $"{period} {day}");
                Assert.Equal(1, start.Day);
                Assert.Equal(start.AddMonths(DistributionPeriods.MonthsIn(period)), next);
                Assert.Equal(next, DistributionPeriods.NextStart(period, next.AddDays(-1)));
            }
    }
}
