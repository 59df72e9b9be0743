using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Tests.Licensing;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31", "2026-04-30")]
    [InlineData("2026-Q2", "2026-04-01", "2026-06-30", "2026-07-30")]
    [InlineData("2026-Q3", "2026-07-01", "2026-09-30", "2026-10-30")]
    [InlineData("2026-Q4", "2026-10-01", "2026-12-31", "2027-01-30")]
    [InlineData("2028-Q1", "2028-01-01", "2028-03-31", "2028-04-30")]
    public void A_quarter_has_its_days_and_its_invoice_is_due_30_days_after_it_ends(string text, string first, string last, string due)
    {
        var period = ReportingPeriod.Parse(text);
        Assert.Equal(DateOnly.Parse(first), period.FirstDay);
        Assert.Equal(DateOnly.Parse(last), period.LastDay);
        Assert.Equal(DateOnly.Parse(due), period.DueOn);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2026-01-01", "2026-Q1")]
    [InlineData("2026-03-31", "2026-Q1")]
    [InlineData("2026-04-01", "2026-Q2")]
    [InlineData("2026-09-30", "2026-Q3")]
    [InlineData("2026-12-31", "2026-Q4")]
    public void Every_day_falls_in_one_quarter(string day, string quarter) =>
        Assert.Equal(quarter, ReportingPeriod.Containing(DateOnly.Parse(day)).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026-q3")]
    [InlineData("2026Q3")]
    [InlineData(" 2026-Q3")]
    [InlineData("2026-Q3 ")]
    [InlineData("26-Q3")]
    [InlineData("1984-Q4")]
    [InlineData("9999-Q4")]
    [InlineData("２０２６-Q3")]
    [InlineData("2026-03")]
    public void Anything_but_a_calendar_quarter_is_refused(string text)
    {
        Assert.False(ReportingPeriod.TryParse(text, out _));
        var refused = Assert.Throws<DomainException>(() => ReportingPeriod.Parse(text));
        Assert.Equal(("invalid_period", "period"), (refused.Code, refused.Field));
    }

    [Theory]
    [InlineData("2026-10-30", false)] // the due date itself is still on time
    [InlineData("2026-10-31", true)]
    [InlineData("2026-09-30", false)]
    [InlineData("2027-05-01", true)]
    public void A_report_made_after_the_due_date_is_late(string reportedOn, bool late) =>
        Assert.Equal(late, ReportingPeriod.Parse("2026-Q3").IsLateOn(DateOnly.Parse(reportedOn)));
}
