using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Tests.Licensing;

public class InvoiceTests
{
    private static readonly ReportingPeriod Q3 = ReportingPeriod.Parse("2026-Q3");
    private static readonly DateOnly ReportedOn = new(2026, 10, 5);

    private static Invoice Issue(long amount, string category = "decoder", string licenceId = "lic_0000000000000001") =>
        Invoice.Issue(licenceId, Q3, new RoyaltyReport("2026-Q3", category, "US", 10, ReportedOn, false, true, 1, 0), new Money(amount, "USD"), ReportedOn);

    [Fact]
    public void An_invoice_is_due_30_days_after_the_period_ends_and_starts_open()
    {
        var invoice = Issue(19_200_000);
        Assert.Equal(new DateOnly(2026, 10, 30), invoice.DueOn);
        Assert.Equal(ReportedOn, invoice.IssuedOn);
        Assert.Equal("2026-Q3", invoice.Period);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Null(invoice.PaidOn);
    }

    [Fact]
    public void A_zero_invoice_has_nothing_to_pay_and_is_settled_when_issued()
    {
        var invoice = Issue(0);
        Assert.Equal((InvoiceStatus.Paid, (DateOnly?)ReportedOn), (invoice.Status, invoice.PaidOn));
        Assert.False(invoice.IsOverdueOn(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void An_open_invoice_is_overdue_from_the_day_after_its_due_date()
    {
        var invoice = Issue(100);
        Assert.False(invoice.IsOverdueOn(new DateOnly(2026, 10, 30)));
        Assert.True(invoice.IsOverdueOn(new DateOnly(2026, 10, 31)));
        Assert.Equal(InvoiceStatus.Open, invoice.AsOf(new DateOnly(2026, 10, 30)).Status);
        Assert.Equal(InvoiceStatus.Overdue, invoice.AsOf(new DateOnly(2026, 10, 31)).Status);
        // Paid invoices never become overdue; flagged ones stay overdue until paid.
        Assert.False((invoice with { Status = InvoiceStatus.Paid }).IsOverdueOn(new DateOnly(2027, 1, 1)));
        Assert.True((invoice with { Status = InvoiceStatus.Overdue }).IsOverdueOn(new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void Invoice_ids_are_derived_from_licence_period_and_category()
    {
        Assert.Equal(Issue(1).Id, Issue(2).Id);
        Assert.NotEqual(Issue(1).Id, Issue(1, category: "encoder").Id);
        Assert.NotEqual(Issue(1).Id, Issue(1, licenceId: "lic_0000000000000002").Id);
        Assert.NotEqual(Invoice.IdFor("lic_1", Q3, "a"), Invoice.IdFor("lic_1", ReportingPeriod.Parse("2026-Q4"), "a"));
        Assert.Matches("^inv_[0-9a-f]{16}$", Issue(1).Id);
    }
}
