using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>§5 late payment, explicit on every invoice: <c>late</c> and <c>daysLate</c>, counted in China calendar days.</summary>
public sealed class InvoiceLatenessApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task An_invoice_is_late_from_the_Beijing_day_after_its_due_date_until_paid_and_stays_late_once_paid_late()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var id = invoice.Id();
        var dueOn = DateOnly.Parse(invoice.GetProperty("dueOn").GetString()!);
        Assert.Equal((false, 0), Late(invoice));

        // 23:59 Beijing time on the due date: not late. One minute past midnight Beijing time (16:01 UTC): one day late.
        market.Clock.SetUtc(MarketClock.EndOf(dueOn).AddMinutes(-1));
        Assert.Equal((false, 0, "open"), LateWithStatus(await Invoice(licenceId, id)));
        market.Clock.SetUtc(MarketClock.EndOf(dueOn).AddMinutes(1));
        Assert.Equal((true, 1, "overdue"), LateWithStatus(await Invoice(licenceId, id)));

        market.Clock.SetToday(dueOn.AddDays(5));
        Assert.Equal((true, 5), Late(await Invoice(licenceId, id)));
        var paid = await (await market.Client(pool.Administrator).Pay(id, $"LATE-{Guid.NewGuid():N}"[..20], invoice.Amount())).ShouldBe(201);
        Assert.Equal((true, 5, "paid"), LateWithStatus(paid));

        // Paid late stays late by the same count: it no longer grows.
        market.Clock.SetToday(dueOn.AddDays(40));
        Assert.Equal((true, 5, "paid"), LateWithStatus(await Invoice(licenceId, id)));
    }

    [Fact]
    public async Task An_invoice_paid_by_its_due_date_and_a_zero_invoice_are_not_late()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var paid = await (await market.Client(pool.Administrator).Pay(invoice.Id(), $"ONTIME-{Guid.NewGuid():N}"[..20], invoice.Amount())).ShouldBe(201);
        Assert.Equal((false, 0, "paid"), LateWithStatus(paid));
        var (_, free) = await market.ReportedLicence(pool, units: 1_000); // inside the free tier: 0, settled when issued
        Assert.Equal((0L, false, 0), (free.Amount(), Late(free).Item1, Late(free).Item2));

        market.Clock.SetToday(DateOnly.Parse(invoice.GetProperty("dueOn").GetString()!).AddDays(10));
        Assert.Equal((false, 0), Late(await Invoice(licenceId, invoice.Id())));
    }

    private async Task<JsonElement> Invoice(string licenceId, string id) =>
        (await market.Admin().Invoices(licenceId)).Single(i => i.Id() == id);

    private static (bool, int) Late(JsonElement invoice) => (invoice.GetProperty("late").GetBoolean(), invoice.GetProperty("daysLate").GetInt32());

    private static (bool, int, string) LateWithStatus(JsonElement invoice) =>
        (invoice.GetProperty("late").GetBoolean(), invoice.GetProperty("daysLate").GetInt32(), invoice.GetProperty("status").GetString()!);
}
