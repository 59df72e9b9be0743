using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Steps of the payment and ledger tests on the <see cref="ClockedMarket"/>.</summary>
public static class PaymentSteps
{
    public static Task<HttpResponseMessage> Pay(this HttpClient operatorClient, string invoiceId, string bankReference, long amount,
        string currency = "USD", string? key = null) =>
        operatorClient.PostWithKey($"/api/v1/invoices/{invoiceId}/payments",
            new { bankReference, amount = new { amount, currency } }, key ?? Guid.NewGuid().ToString());

    /// <summary>A licence of a fresh licensee in <paramref name="pool"/> with one report for the current quarter; returns the licence and the open invoice.</summary>
    public static async Task<(string LicenceId, JsonElement Invoice)> ReportedLicence(this ClockedMarket market, ClockedPool pool, long units = 1_000_000)
    {
        var licensee = await market.Admin().NewKey("company", "licensee");
        var id = await market.Acquire(pool, licensee);
        var invoice = await (await market.Client(licensee).Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), units)).ShouldBe(201);
        return (id, invoice);
    }

    public static async Task<JsonElement> Account(this HttpClient client, string account) =>
        await (await client.GetAsync($"/api/v1/ledger/accounts/{account}")).ShouldBe(200);

    /// <summary>The account's balance in <paramref name="currency"/>; 0 when nothing was posted to it.</summary>
    public static long Balance(this JsonElement account, string currency = "USD") =>
        account.GetProperty("balances").EnumerateArray()
            .Where(b => b.GetProperty("currency").GetString() == currency)
            .Sum(b => b.GetProperty("amount").GetInt64());

    public static string[] PostingIds(this JsonElement account) =>
        [.. account.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("postingId").GetString()!)];

    public static string Id(this JsonElement body) => body.GetProperty("id").GetString()!;

    public static async Task AssertTrialBalanceIsZero(this ClockedMarket market) =>
        Assert.All(await market.Factory.Services.GetRequiredService<ILedgerQueries>().TrialBalance(), total => Assert.Equal(0, total.Amount));

    /// <summary>How many journal entries of the licence came from <paramref name="operation"/>.</summary>
    public static async Task<int> Journaled(this ClockedMarket market, string licenceId, string operation) =>
        (await market.Factory.Services.GetRequiredService<IAuditTrail>().History("licence", licenceId, 0, 1000)).Count(e => e.Operation == operation);
}
