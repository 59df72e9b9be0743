using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>A pledge deal driven through REST on the <see cref="ClockedMarket"/>: pledgor (licensor key), bank (financier key).</summary>
public sealed record PledgeCast(IssuedKey Pledgor, IssuedKey Bank, string Number, string Id)
{
    public string Url => $"/api/v1/pledges/{Id}";
}

public static class PledgeDealSteps
{
    /// <summary>An invention valued at <paramref name="value"/> fen from 2029-12-01, and an applied deal at 4.35 % for 12 months, bullet.</summary>
    /// <param name="riskSharing">The deal's risk-sharing agreement as sent; null for the Guangzhou 2025 default.</param>
    /// <param name="centerId">The operating center filing the registration for the parties; null for none.</param>
    public static async Task<PledgeCast> ApplyDeal(this ClockedMarket market, long principal, long value, int graceDays = 30, object? riskSharing = null, string? centerId = null)
    {
        var admin = market.Admin();
        var pledgor = await admin.NewKey("company", "licensor");
        var bank = await admin.NewKey("bank", "financier");
        var number = await admin.NewPatent(pledgor.PartyId);
        await admin.AddValuation(number, value, "2029-12-01");
        var body = new
        {
            pledgorId = pledgor.PartyId, financierId = bank.PartyId, patents = new[] { number },
            principal = new { amount = principal, currency = "CNY" },
            product = new { name = "知识产权质押贷", annualRateBps = 435, termMonths = 12, schedule = "bullet", graceDays, marginBufferBps = 500, curePeriodDays = 10 },
            riskSharing,
            centerId,
        };
        var deal = await (await market.Client(pledgor).PostWithKey("/api/v1/pledges", body, Guid.NewGuid().ToString())).ShouldBe(201);
        return new PledgeCast(pledgor, bank, number, deal.GetProperty("id").GetString()!);
    }

    /// <summary>Appraise, approve, register, disburse today.</summary>
    public static async Task<JsonElement> Activate(this ClockedMarket market, PledgeCast cast)
    {
        var bank = market.Client(cast.Bank);
        await (await bank.PostJson($"{cast.Url}/appraise", new { })).ShouldBe(200);
        await (await bank.PostJson($"{cast.Url}/approve", new { })).ShouldBe(200);
        await (await bank.PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000123" })).ShouldBe(200);
        return await (await bank.PostWithKey($"{cast.Url}/disburse", new { }, Guid.NewGuid().ToString())).ShouldBe(200);
    }

    /// <summary>
    /// Pledges <paramref name="number"/> the only way there is, through a deal: the admin applies for the holder
    /// (<paramref name="pledgorId"/>), the bank appraises, approves and registers (which sets the patent's pledgee).
    /// <paramref name="valuedOn"/>: first record a 1 M CNY valuation effective that day (the deal needs one in effect).
    /// </summary>
    public static async Task<string> PledgeThroughDeal(this HttpClient admin, HttpClient bank, string number, string pledgorId, string financierId,
        string? valuedOn = null, long principal = 100_00)
    {
        if (valuedOn is not null) await admin.AddValuation(number, 1_000_000_00, valuedOn);
        var body = new
        {
            pledgorId, financierId, patents = new[] { number }, principal = new { amount = principal, currency = "CNY" },
            product = new { annualRateBps = 435, termMonths = 12 },
        };
        var id = (await (await admin.PostWithKey("/api/v1/pledges", body, Guid.NewGuid().ToString())).ShouldBe(201)).GetProperty("id").GetString()!;
        await (await bank.PostJson($"/api/v1/pledges/{id}/appraise", new { })).ShouldBe(200);
        await (await bank.PostJson($"/api/v1/pledges/{id}/approve", new { })).ShouldBe(200);
        await (await bank.PostJson($"/api/v1/pledges/{id}/register", new { registrationNumber = "Y2030980000777" })).ShouldBe(200);
        return id;
    }

    public static Task<HttpResponseMessage> Repay(this HttpClient client, PledgeCast cast, long amount, string? key = null) =>
        client.PostWithKey($"{cast.Url}/repayments", new { amount = new { amount, currency = "CNY" } }, key ?? Guid.NewGuid().ToString());

    /// <summary><c>POST …/dispose</c>; it moves money (a settlement), so it carries an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> Dispose(this HttpClient client, PledgeCast cast, object body, string? key = null) =>
        client.PostWithKey($"{cast.Url}/dispose", body, key ?? Guid.NewGuid().ToString());

    /// <summary><c>POST …/release</c>; it moves money (the escrow returned), so it carries an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> Release(this HttpClient client, PledgeCast cast, string? key = null) =>
        client.PostWithKey($"{cast.Url}/release", new { }, key ?? Guid.NewGuid().ToString());

    /// <summary>The pledgee consents to a licence (or pool admission) of the deal's patent for <paramref name="counterpartyId"/>.</summary>
    public static async Task Consent(this ClockedMarket market, PledgeCast cast, string purpose, string counterpartyId) =>
        await (await market.Client(cast.Bank).PostJson($"/api/v1/patents/{cast.Number}/pledgee-consents", new { purpose, counterpartyId })).ShouldBe(201);

    public static long Fen(this JsonElement deal, string property) => deal.GetProperty(property).GetProperty("amount").GetInt64();

    /// <summary>The deal's portfolio row as its financier sees it.</summary>
    public static async Task<JsonElement> PortfolioRow(this ClockedMarket market, PledgeCast cast) =>
        (await (await market.Client(cast.Bank).GetAsync($"/api/v1/financiers/{cast.Bank.PartyId}/portfolio")).ShouldBe(200))
            .GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetString() == cast.Id);

    public static string State(this JsonElement deal) => deal.GetProperty("status").GetString()!;
}
