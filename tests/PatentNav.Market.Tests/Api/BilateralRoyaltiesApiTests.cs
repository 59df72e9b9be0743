using PatentNav.Market.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Running royalties on a bilateral licence's fixed rate: quarters, due dates, late and overdue flags, replays.</summary>
public sealed class BilateralRoyaltiesApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static DateOnly Today => MarketClock.System.Today;

    /// <summary>A licence at 0.20 CNY per unit that started three quarters before the current one.</summary>
    private async Task<(string Id, HttpClient Licensee)> NewLicence()
    {
        var licensor = await app.NewKey("company", "licensor");
        var licensee = await app.NewKey("company", "licensee");
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var start = LicenceSteps.Quarter(Today).Previous(3).FirstDay;
        var body = await (await app.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee.PartyId, [number], start: start))).ShouldBe(201);
        return (body.GetProperty("id").GetString()!, app.Client(licensee));
    }

    [Fact]
    public async Task Past_and_current_quarters_are_accepted_and_the_future_refused()
    {
        var (id, licensee) = await NewLicence();
        var current = LicenceSteps.Quarter(Today);
        var past = current.Previous(2);

        var pastResponse = await licensee.Report(id, past.ToString(), 1_000);
        var pastInvoice = await pastResponse.ShouldBe(201);
        Assert.Equal($"/api/v1/licences/{id}/invoices", pastResponse.Headers.Location?.OriginalString);
        Assert.Equal(20_000L, pastInvoice.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal("CNY", pastInvoice.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal(past.LastDay.AddDays(30).Iso(), pastInvoice.GetProperty("dueOn").GetString());
        Assert.Equal(Today.Iso(), pastInvoice.GetProperty("issuedOn").GetString());
        Assert.True(pastInvoice.GetProperty("report").GetProperty("late").GetBoolean());
        Assert.Equal("overdue", pastInvoice.GetProperty("status").GetString()); // its due date passed before it was issued

        var currentInvoice = await (await licensee.Report(id, current.ToString(), 5)).ShouldBe(201);
        Assert.Equal((current.ToString(), "open", 100L), (currentInvoice.GetProperty("period").GetString(), currentInvoice.GetProperty("status").GetString(), currentInvoice.GetProperty("amount").GetProperty("amount").GetInt64()));
        Assert.Equal(current.LastDay.AddDays(30).Iso(), currentInvoice.GetProperty("dueOn").GetString());
        Assert.False(currentInvoice.GetProperty("report").GetProperty("late").GetBoolean());
        Assert.False(currentInvoice.GetProperty("report").GetProperty("compliant").GetBoolean()); // the past invoice is overdue

        var future = ReportingPeriod.Containing(current.LastDay.AddDays(1));
        await (await licensee.Report(id, future.ToString(), 5)).ShouldBeProblem(422, "period_in_future", "period");
        await (await licensee.Report(id, current.Previous(4).ToString(), 5)).ShouldBeProblem(422, "period_outside_licence", "period");
        await (await licensee.Report(id, past.ToString(), 7)).ShouldBeProblem(409, "report_exists", "period");
        await (await licensee.Report(id, past.ToString(), 7, category: "encoder")).ShouldBe(201);
        await (await licensee.Report(id, "2026-Q5", 7)).ShouldBeProblem(400, "invalid_period", "period");
        await (await licensee.Report(id, current.ToString(), -1, category: "x")).ShouldBeProblem(400, "invalid_units", "units");
        await (await licensee.Report(id, current.ToString(), 1_000_000_000_001, category: "x")).ShouldBeProblem(400, "invalid_units", "units");

        Assert.Equal([past.ToString(), current.ToString(), past.ToString()], (await licensee.Invoices(id)).Select(i => i.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task An_unpaid_invoice_is_flagged_overdue_by_its_reminder()
    {
        var (id, licensee) = await NewLicence();
        var past = LicenceSteps.Quarter(Today).Previous(2);
        var invoiceId = (await (await licensee.Report(id, past.ToString(), 10)).ShouldBe(201)).GetProperty("id").GetString()!;

        var audit = app.Services.GetRequiredService<IAuditTrail>();
        await LicenceSteps.Eventually(async () =>
            (await audit.History("licence", id, 0, 50)).Any(e => e.Operation == $"reminder:invoice-due:{invoiceId}"), "the invoice overdue reminder");
        var stored = (await audit.History("licence", id, 0, 50))[^1].Changes.GetProperty("invoices")[0];
        Assert.Equal("overdue", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_royalty_too_large_to_invoice_is_refused_not_wrapped()
    {
        var licensor = await app.NewKey("company", "licensor");
        var licensee = await app.NewKey("company", "licensee");
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var id = (await (await app.Client(licensor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licensee.PartyId, [number], ratePerUnit: "99999999999999.9999"))).ShouldBe(201)).GetProperty("id").GetString()!;

        await (await app.Client(licensee).Report(id, LicenceSteps.Quarter(Today).ToString(), 1_000_000_000_000)).ShouldBeProblem(422, "amount_too_large", "units");
        Assert.Empty(await app.Client(licensee).Invoices(id));
    }

    [Fact]
    public async Task A_report_replayed_with_its_key_is_recorded_once()
    {
        var (id, licensee) = await NewLicence();
        var period = LicenceSteps.Quarter(Today).Previous().ToString();
        var key = Guid.NewGuid().ToString();

        var first = await licensee.Report(id, period, 250, key: key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(201, (int)first.StatusCode);
        var replay = await licensee.Report(id, period, 250, key: key);
        Assert.Equal(201, (int)replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.Single(await licensee.Invoices(id));

        await (await licensee.Report(id, period, 251, key: key)).ShouldBeProblem(422, "idempotency_key_reused", "Idempotency-Key");
        await (await licensee.PostJson($"/api/v1/licences/{id}/royalty-reports", new { period, category = "decoder", region = "CN", units = 1 }))
            .ShouldBeProblem(400, "idempotency_key_required", "Idempotency-Key");
        await (await licensee.PostWithKey($"/api/v1/licences/{id}/royalty-reports", new { category = "", units = (long?)null }, Guid.NewGuid().ToString()))
            .ShouldBeProblem(400, "validation_failed", "period");
        Assert.Single(await licensee.Invoices(id));
    }
}
