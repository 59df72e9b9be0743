using System.Net.Http.Json;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary>Without <c>Market:Stripe:*</c> the market pays offline only and refuses Stripe requests plainly.</summary>
public sealed class StripeNotConfiguredApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task Webhooks_and_payment_intents_are_refused_and_payouts_go_offline_even_to_a_connected_account()
    {
        var admin = app.Admin();
        var licensor = await admin.NewKey("company", "licensor");
        await (await admin.PutAsJsonAsync($"/api/v1/parties/{licensor.PartyId}/stripe-account", new { stripeAccountId = "acct_1Unused" }, MarketApp.Json)).ShouldBe(200);
        var licensee = await admin.NewKey("company", "licensee");
        var quarter = LicenceSteps.Quarter(StripeSteps.Today);
        var licenceId = (await (await app.Client(licensor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licensee.PartyId, [await admin.NewPatent(licensor.PartyId)], start: quarter.FirstDay))).ShouldBe(201)).GetProperty("id").GetString()!;
        var invoice = await (await app.Client(licensee).Report(licenceId, quarter.ToString(), 100)).ShouldBe(201);
        var invoiceId = invoice.GetProperty("id").GetString()!;

        await (await app.ClientWith(null).PostAsync("/webhooks/stripe", new StringContent("{}"))).ShouldBeProblem(404, "stripe_not_configured");
        await (await app.Client(licensee).CreatePaymentIntent(invoiceId)).ShouldBeProblem(422, "stripe_not_configured");

        await (await admin.PostWithKey($"/api/v1/invoices/{invoiceId}/payments",
            new { bankReference = "BANK-NOSTRIPE-1", amount = new { amount = invoice.Amount(), currency = "CNY" } }, Guid.NewGuid().ToString())).ShouldBe(201);
        var payout = await (await admin.Payout(licensor.PartyId, "CNY")).ShouldBe(201);
        Assert.Equal(("offline", "awaiting_bank_transfer"), (payout.GetProperty("provider").GetString(), payout.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_transfer_cannot_be_paid_by_Stripe_and_stays_awaiting_payment()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var id = (await app.Client(cast.Seller).Open(cast, [await admin.NewPatent(cast.Seller.PartyId)])).TransferId();

        await (await app.Client(cast.Buyer).PayByStripe(id)).ShouldBeProblem(422, "stripe_not_configured");
        Assert.Equal("awaiting_payment", (await app.Client(cast.Buyer).Transfer(id)).Status());
    }
}
