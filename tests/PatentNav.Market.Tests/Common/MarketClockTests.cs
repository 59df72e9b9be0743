using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Tests.Api;

namespace PatentNav.Market.Tests.Common;

/// <summary>The market's day is the China Standard Time (UTC+08:00) date; it starts at 16:00 UTC of the day before.</summary>
public sealed class MarketClockTests
{
    private static MarketClock At(string utc) => new(new TestClock(DateTimeOffset.Parse(utc)));

    [Theory]
    [InlineData("2030-03-31T15:59:59Z", "2030-03-31", "2030-Q1")]
    [InlineData("2030-03-31T16:00:00Z", "2030-04-01", "2030-Q2")]
    [InlineData("2030-03-31T16:30:00Z", "2030-04-01", "2030-Q2")]
    [InlineData("2030-04-01T09:00:00Z", "2030-04-01", "2030-Q2")]
    [InlineData("2030-12-31T16:00:00Z", "2031-01-01", "2031-Q1")]
    [InlineData("2032-02-28T16:00:00Z", "2032-02-29", "2032-Q1")]
    public void Today_is_the_Beijing_date_and_decides_the_quarter(string utc, string today, string quarter)
    {
        var clock = At(utc);
        Assert.Equal(DateOnly.Parse(today), clock.Today);
        Assert.Equal(quarter, ReportingPeriod.Containing(clock.Today).ToString());
    }

    [Fact]
    public void Now_is_the_same_instant_on_Beijing_wall_clock_time()
    {
        var clock = At("2030-03-31T16:30:00Z");
        Assert.Equal((TimeSpan.FromHours(8), new DateTime(2030, 4, 1, 0, 30, 0)), (clock.Now.Offset, clock.Now.DateTime));
        Assert.Equal(clock.GetUtcNow(), clock.Now);
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [Fact]
    public void A_China_day_starts_at_16_00_UTC_the_day_before_and_ends_where_the_next_starts()
    {
        Assert.Equal(DateTimeOffset.Parse("2030-03-31T16:00:00Z"), MarketClock.StartOf(new DateOnly(2030, 4, 1)));
        Assert.Equal(DateTimeOffset.Parse("2030-04-30T16:00:00Z"), MarketClock.EndOf(new DateOnly(2030, 4, 30)));
        Assert.Equal(new DateOnly(2030, 4, 1), MarketClock.DayOf(MarketClock.StartOf(new DateOnly(2030, 4, 1))));
        Assert.Equal(new DateOnly(2030, 3, 31), MarketClock.DayOf(MarketClock.StartOf(new DateOnly(2030, 4, 1)).AddTicks(-1)));
        // An instant given with another offset lands on the same China day.
        Assert.Equal(new DateOnly(2030, 4, 1), MarketClock.DayOf(DateTimeOffset.Parse("2030-03-31T12:30:00-04:00")));
    }

    [Theory]
    [InlineData("2030-04-30T09:00:00Z", 7 * 60)] // 17:00 Beijing: seven hours to midnight
    [InlineData("2030-04-30T15:30:00Z", 30)]
    [InlineData("2030-04-30T16:30:00Z", -30)] // already 1 May in Beijing: past
    public void A_due_date_ends_at_00_00_Beijing_time_of_the_next_day(string utc, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), At(utc).UntilEndOf(new DateOnly(2030, 4, 30)));

    [Theory]
    [InlineData("2030-03-31T15:30:00Z", "2030-04-01", "2030-03-31")] // 23:30 Beijing time on 31 March
    [InlineData("2030-03-31T16:30:00Z", "2030-04-01", "2030-04-01")] // 00:30 Beijing time on 1 April, still 31 March in UTC
    [InlineData("2030-03-31T16:30:00Z", "2030-03-31", "2030-03-31")] // never after our today
    public void A_Stripe_payment_is_paid_on_the_Beijing_day_it_was_recorded(string created, string today, string paidOn) =>
        Assert.Equal(DateOnly.Parse(paidOn), StripeEventGrain.PaidOn(DateTimeOffset.Parse(created), DateOnly.Parse(today)));

    [Fact]
    public void The_fixed_offset_agrees_with_the_Asia_Shanghai_zone_where_the_machine_has_one()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var shanghai)) return; // no tzdata: nothing to compare
        for (var day = new DateOnly(1992, 1, 1); day.Year < 2040; day = day.AddDays(17))
            Assert.Equal(MarketClock.ChinaOffset, shanghai.GetUtcOffset(MarketClock.StartOf(day)));
    }
}
