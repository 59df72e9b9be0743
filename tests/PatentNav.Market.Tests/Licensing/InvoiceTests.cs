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
        Assert.NotEqual(Invoice.IdFor(Licence, Q3, "a"), Invoice.IdFor(Licence, ReportingPeriod.Parse("2026-Q4"), "a"));
        Assert.Matches("^inv_0123456789abcdef_[0-9a-f]{8}$", Invoice.IdFor(Licence, Q3, "a"));
    }

    private const string Licence = "lic_0123456789abcdef";

    [Fact]
    public void An_invoice_id_leads_to_its_licence()
    {
        Assert.Equal(Licence, Invoice.LicenceIdOf(Invoice.IdFor(Licence, Q3, "decoder")));
        Assert.Equal("lic_0000000000000001", Invoice.LicenceIdOf(Issue(1).Id));
        Assert.Throws<ArgumentException>(() => Invoice.IdFor("lic_1", Q3, "a"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("inv_0123456789abcdef")]
    [InlineData("inv_0123456789abcdef_")]
    [InlineData("inv_0123456789abcdef_0123abc")]
    [InlineData("inv_0123456789abcdef_0123abcd0")]
    [InlineData("inv_0123456789ABCDEF_0123abcd")]
    [InlineData("lic_0123456789abcdef")]
    [InlineData("inv_0123456789abcde_0123abcd")]
    [InlineData(" inv_0123456789abcdef_0123abcd")]
    [InlineData("inv_0123456789abcdef_0123abcd\n")]
    public void Malformed_invoice_ids_lead_nowhere(string? id) => Assert.Null(Invoice.LicenceIdOf(id));

    [Fact]
    public void Lateness_counts_days_past_due_until_paid_or_until_today_and_a_zero_invoice_is_never_late()
    {
        var invoice = Issue(100); // due 2026-10-30
        Assert.Equal((false, 0), Late(invoice.AsOf(new DateOnly(2026, 10, 30))));
        Assert.Equal((true, 1), Late(invoice.AsOf(new DateOnly(2026, 10, 31))));
        Assert.Equal((true, 12), Late(invoice.AsOf(new DateOnly(2026, 11, 11))));

        var onTime = invoice.Paid(new InvoicePayment("offline", "B-1", new Money(100, "USD"), new DateOnly(2026, 10, 30)));
        Assert.Equal((false, 0), Late(onTime.AsOf(new DateOnly(2027, 6, 1))));
        var paidLate = invoice.Paid(new InvoicePayment("offline", "B-2", new Money(100, "USD"), new DateOnly(2026, 11, 4)));
        Assert.Equal((true, 5), Late(paidLate.AsOf(new DateOnly(2027, 6, 1)))); // fixed once paid

        Assert.Equal((false, 0), Late(Issue(0).AsOf(new DateOnly(2030, 1, 1))));
    }

    private static (bool, int) Late(Invoice invoice) => (invoice.Late, invoice.DaysLate);
}
