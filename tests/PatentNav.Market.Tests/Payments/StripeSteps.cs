using System.Net.Http.Json;
using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary>An open invoice of a bilateral licence: paying it credits the licensor's payable.</summary>
public sealed record OpenInvoice(string LicenceId, string InvoiceId, Money Amount, IssuedKey Licensor, IssuedKey Licensee);

public static class StripeSteps
{
    public static DateOnly Today => MarketClock.System.Today;

    /// <summary>A licensor, optionally with a Stripe connected account.</summary>
    public static async Task<IssuedKey> NewLicensor(this StripeMarket market, string? stripeAccountId = null)
    {
        var licensor = await market.Admin().NewKey("company", "licensor");
        if (stripeAccountId is not null)
            await (await market.Admin().PutAsJsonAsync($"/api/v1/parties/{licensor.PartyId}/stripe-account", new { stripeAccountId }, MarketApp.Json)).ShouldBe(200);
        return licensor;
    }

    /// <summary>
    /// A bilateral licence (0.20 CNY per unit) from <paramref name="licensor"/> to a new licensee from the
    /// start of this quarter, and the open invoice of a report of <paramref name="units"/> for this quarter.
    /// </summary>
    public static async Task<OpenInvoice> NewOpenInvoice(this StripeMarket market, IssuedKey licensor, long units = 10_000)
    {
        var admin = market.Admin();
        var licensee = await admin.NewKey("company", "licensee");
        var number = await admin.NewPatent(licensor.PartyId);
        var quarter = LicenceSteps.Quarter(Today);
        var licence = await (await market.Client(licensor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licensee.PartyId, [number], start: quarter.FirstDay))).ShouldBe(201);
        var licenceId = licence.GetProperty("id").GetString()!;
        var invoice = await (await market.Client(licensee).Report(licenceId, quarter.ToString(), units)).ShouldBe(201);
        Assert.Equal("open", invoice.GetProperty("status").GetString());
        return new OpenInvoice(licenceId, invoice.GetProperty("id").GetString()!, new Money(invoice.Amount(), "CNY"), licensor, licensee);
    }

    public static Task<HttpResponseMessage> CreatePaymentIntent(this HttpClient client, string invoiceId, string? key = null) =>
        client.PostWithKey($"/api/v1/invoices/{invoiceId}/payment-intents", null, key ?? Guid.NewGuid().ToString());

    public static Task<HttpResponseMessage> Payout(this HttpClient client, string licensorId, string currency, string? distributionId = null, string? key = null) =>
        client.PostWithKey("/api/v1/payouts", new { licensorId, currency, distributionId }, key ?? Guid.NewGuid().ToString());

    public static async Task<JsonElement> Invoice(this HttpClient client, OpenInvoice invoice) =>
        (await client.Invoices(invoice.LicenceId)).Single(i => i.GetProperty("id").GetString() == invoice.InvoiceId);

    /// <summary>An account's balance in <paramref name="currency"/> (0 when it has none).</summary>
    public static async Task<long> Balance(this StripeMarket market, string account, string currency) =>
        (await market.Ledger.Account(account, 0)).Balances.FirstOrDefault(b => b.Currency == currency).Amount;

    public static Task<long> Payable(this StripeMarket market, string partyId, string currency = "CNY") =>
        market.Balance(LedgerAccounts.LicensorPayable(partyId), currency);

    public static async Task AssertTrialBalanceIsZero(this StripeMarket market) =>
        Assert.All(await market.Ledger.TrialBalance(), total => Assert.Equal(0, total.Amount));
}
