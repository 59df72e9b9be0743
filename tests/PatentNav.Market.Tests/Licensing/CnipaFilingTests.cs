using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Tests.Licensing;

public class CnipaFilingTests
{
    [Theory]
    [InlineData("2026-01-15", "2026-04-15")]
    [InlineData("2026-11-30", "2027-02-28")]
    [InlineData("2027-11-30", "2028-02-29")]
    [InlineData("2026-05-31", "2026-08-31")]
    public void A_licence_is_filed_within_three_months_of_taking_effect(string effective, string due) =>
        Assert.Equal(DateOnly.Parse(due), CnipaFiling.DueFor(DateOnly.Parse(effective)).DueOn);

    [Fact]
    public void Unfiled_past_the_due_date_is_overdue_and_a_late_filing_says_so()
    {
        var filing = CnipaFiling.DueFor(new DateOnly(2026, 1, 15));
        Assert.False(filing.IsOverdueOn(new DateOnly(2026, 4, 15)));
        Assert.True(filing.IsOverdueOn(new DateOnly(2026, 4, 16)));

        var onTime = filing.Record("2026990000123", new DateOnly(2026, 4, 15), new DateOnly(2026, 5, 1));
        Assert.False(onTime.View(new DateOnly(2026, 5, 1)).FiledLate);
        Assert.False(onTime.IsOverdueOn(new DateOnly(2027, 1, 1)));

        var late = filing.Record("2026990000123", new DateOnly(2026, 4, 16), new DateOnly(2026, 5, 1));
        var view = late.View(new DateOnly(2026, 5, 1));
        Assert.Equal((false, true, "2026990000123"), (view.Overdue, view.FiledLate, view.FilingNumber));
    }

    [Fact]
    public void A_filing_is_recorded_once()
    {
        var today = new DateOnly(2026, 3, 1);
        var filed = CnipaFiling.DueFor(new DateOnly(2026, 1, 15)).Record("X2026990000123", new DateOnly(2026, 2, 1), today);
        Assert.Equal(filed, filed.Record("X2026990000123", new DateOnly(2026, 2, 1), today));
        Assert.Equal("cnipa_already_filed", Assert.Throws<DomainException>(() => filed.Record("X2026990000124", new DateOnly(2026, 2, 1), today)).Code);
    }

    [Theory]
    [InlineData("12345", "2026-02-01", "invalid_filing_number", "filingNumber")]
    [InlineData("2026 990000123", "2026-02-01", "invalid_filing_number", "filingNumber")]
    [InlineData("备案2026990000123", "2026-02-01", "invalid_filing_number", "filingNumber")]
    [InlineData("2026990000123", "2026-03-02", "date_in_future", "filedOn")]
    public void Bad_filings_are_refused_naming_the_field(string number, string filedOn, string code, string field)
    {
        var refused = Assert.Throws<DomainException>(() =>
            CnipaFiling.DueFor(new DateOnly(2026, 1, 15)).Record(number, DateOnly.Parse(filedOn), new DateOnly(2026, 3, 1)));
        Assert.Equal((code, field), (refused.Code, refused.Field));
    }
}
