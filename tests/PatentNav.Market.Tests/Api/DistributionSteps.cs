using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Steps of the distribution API tests on the <see cref="ClockedMarket"/>.</summary>
public static class DistributionSteps
{
    public static string Distributions(this ClockedPool pool) => $"/api/v1/pools/{pool.Id}/distributions";

    public static Task<HttpResponseMessage> RunDistribution(this HttpClient client, ClockedPool pool, DateOnly start, DateOnly end, string? key = null) =>
        client.PostWithKey(pool.Distributions(), new { periodStart = start.Iso(), periodEnd = end.Iso() }, key ?? Guid.NewGuid().ToString());

    /// <summary>A member of the pool with a licensor key and one granted patent valued at <paramref name="value"/> CNY from 2029-12-01.</summary>
    public static async Task<(IssuedKey Owner, string Number)> MemberWithPatent(this ClockedMarket market, ClockedPool pool, long value)
    {
        var admin = market.Admin();
        var owner = await admin.NewKey("company", "licensor");
        var number = await admin.NewPatent(owner.PartyId);
        await admin.AddValuation(number, value, "2029-12-01");
        var op = market.Client(pool.Administrator);
        await (await op.PostJson($"/api/v1/pools/{pool.Id}/members", new { partyId = owner.PartyId })).ShouldBe(200);
        await (await market.Client(owner).PostJson($"/api/v1/pools/{pool.Id}/patents/{number}/agreement", new { })).ShouldBe(201);
        await (await op.PostJson($"/api/v1/pools/{pool.Id}/patents", new { number })).ShouldBe(201);
        return (owner, number);
    }

    /// <summary>A licensee's report for <paramref name="period"/>, paid offline in full today; returns the amount.</summary>
    public static async Task<long> ReportAndPay(this ClockedMarket market, string licenceId, IssuedKey licensee, string period, long units)
    {
        var invoice = await (await market.Client(licensee).Report(licenceId, period, units)).ShouldBe(201);
        var amount = invoice.Amount();
        await (await market.Admin().Pay(invoice.Id(), $"BANK-{Guid.NewGuid():N}", amount)).ShouldBe(201);
        return amount;
    }

    public static async Task<long> Balance(this ClockedMarket market, string account, string currency = "USD") =>
        (await market.Factory.Services.GetRequiredService<ILedgerQueries>().Account(account, 0)).Balances.FirstOrDefault(b => b.Currency == currency).Amount;

    public static async Task<IReadOnlyList<AccountEntry>> Entries(this ClockedMarket market, string account) =>
        (await market.Factory.Services.GetRequiredService<ILedgerQueries>().Account(account, 100)).Entries;

    public static string Payable(this IssuedKey licensor) => LedgerAccounts.LicensorPayable(licensor.PartyId);

    public static long Minor(this JsonElement money) => money.GetProperty("amount").GetInt64();

    public static JsonElement Line(this JsonElement distribution, string number, string ownerId) =>
        distribution.GetProperty("lines").EnumerateArray()
            .Single(l => l.GetProperty("patentNumber").GetString() == number && l.GetProperty("ownerId").GetString() == ownerId);
}
