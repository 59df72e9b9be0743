using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary>
/// Money through Stripe end to end on PostgreSQL: an invoice paid by PaymentIntent and webhook, the
/// licensor paid out by Connect transfer; every request recorded by the fake Stripe on loopback.
/// </summary>
public sealed class StripePaymentsEndToEndTests(StripeMarket market) : IClassFixture<StripeMarket>
{
    [Fact]
    public async Task A_pool_invoice_paid_through_Stripe_lands_in_the_pools_collections_for_its_period()
    {
        var pool = await NewPoolWithCard();
        var licensee = await market.Admin().NewKey("company", "licensee");
        var licenceId = (await (await market.Client(licensee).PostWithKey($"/api/v1/pools/{pool.Id}/licences", new { }, Guid.NewGuid().ToString())).ShouldBe(201))
            .GetProperty("id").GetString()!;
        var period = LicenceSteps.Quarter(StripeSteps.Today).ToString();
        var invoice = await (await market.Client(licensee).Report(licenceId, period, 1_000_000)).ShouldBe(201);
        var invoiceId = invoice.GetProperty("id").GetString()!;

        var intent = await (await market.Client(licensee).CreatePaymentIntent(invoiceId)).ShouldBe(201);
        var sent = market.Stripe.RequestsTo("/v1/payment_intents").Single(r => r.Form["metadata[invoice_id]"] == invoiceId);
        Assert.Equal((invoice.Amount().ToString(), "usd", licenceId), (sent.Form["amount"], sent.Form["currency"], sent.Form["metadata[licence_id]"]));

        var piId = intent.GetProperty("id").GetString()!;
        var settled = await (await market.Deliver(StripeMarket.PaymentIntentEvent("payment_intent.succeeded", piId, invoiceId, invoice.Amount(), "usd"))).ShouldBe(200);

        Assert.Equal("invoice_paid", settled.GetProperty("result").GetString());
        var collections = await market.Ledger.Account(LedgerAccounts.PoolCollections(pool.Id, period), 10);
        Assert.Equal([invoice.Amount()], collections.Balances.Select(b => b.Amount));
        Assert.Equal($"pay:{invoiceId}", Assert.Single(collections.Entries).PostingId);
        var clearing = await market.Ledger.Account(LedgerAccounts.Clearing("stripe"), 50);
        Assert.Equal(new(-invoice.Amount(), "USD"), clearing.Entries.Single(e => e.PostingId == $"pay:{invoiceId}").Amount);
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task Invoice_to_payout_a_licensee_pays_by_Stripe_and_the_licensor_is_paid_by_a_Connect_transfer()
    {
        var licensor = await market.NewLicensor("acct_1E2eLicensor0001");
        var invoice = await market.NewOpenInvoice(licensor, units: 10_000);
        Assert.Equal(200_000, invoice.Amount.Amount);

        // The licensee opens a PaymentIntent; a retry with the same key gets the same one and Stripe sees one request.
        var licensee = market.Client(invoice.Licensee);
        var intent = await (await licensee.CreatePaymentIntent(invoice.InvoiceId, key: "pay-inv-1")).ShouldBe(201);
        var replay = await (await licensee.CreatePaymentIntent(invoice.InvoiceId, key: "pay-inv-1")).ShouldBe(201);
        var piId = intent.GetProperty("id").GetString()!;
        Assert.Equal(piId, replay.GetProperty("id").GetString());
        Assert.StartsWith(piId + "_secret_", intent.GetProperty("clientSecret").GetString());
        var sent = Assert.Single(market.Stripe.RequestsTo("/v1/payment_intents"), r => r.Form["metadata[invoice_id]"] == invoice.InvoiceId);
        Assert.Equal(("200000", "cny", invoice.LicenceId, $"Bearer {StripeMarket.SecretKey}"),
            (sent.Form["amount"], sent.Form["currency"], sent.Form["metadata[licence_id]"], sent.Authorization));
        Assert.False(string.IsNullOrEmpty(sent.IdempotencyKey));

        // Stripe reports success: the invoice is paid and the money waits in the licensor's payable.
        await (await market.Deliver(StripeMarket.PaymentIntentEvent("payment_intent.succeeded", piId, invoice.InvoiceId, 200_000, "cny"))).ShouldBe(200);
        var paid = await licensee.Invoice(invoice);
        Assert.Equal(("paid", piId, "stripe"), (paid.GetProperty("status").GetString(), paid.GetProperty("paymentReference").GetString(), paid.GetProperty("paymentProvider").GetString()));
        Assert.Equal(200_000, await market.Payable(licensor.PartyId));
        await (await licensee.CreatePaymentIntent(invoice.InvoiceId)).ShouldBeProblem(409, "invoice_already_paid");

        // The operator pays the licensor out: one transfer to the connected account, grouped by distribution.
        var payout = await (await market.Admin().Payout(licensor.PartyId, "CNY", distributionId: "dist_e2e_1")).ShouldBe(201);
        var transfer = Assert.Single(market.Stripe.RequestsTo("/v1/transfers"), r => r.Form["destination"] == "acct_1E2eLicensor0001");
        Assert.Equal(("200000", "cny", "dist_e2e_1", payout.GetProperty("payoutId").GetString()),
            (transfer.Form["amount"], transfer.Form["currency"], transfer.Form["transfer_group"], transfer.IdempotencyKey));
        Assert.Equal(("stripe", "paid", 200_000L), (payout.GetProperty("provider").GetString(), payout.GetProperty("status").GetString(),
            payout.GetProperty("amount").GetProperty("amount").GetInt64()));
        Assert.StartsWith("tr_", payout.GetProperty("transferId").GetString());

        Assert.Equal(0, await market.Payable(licensor.PartyId));
        Assert.Equal(0, await market.Balance(LedgerAccounts.PayoutsInFlight, "CNY"));
        var posted = (await market.Ledger.Account(LedgerAccounts.LicensorPayable(licensor.PartyId), 10)).Entries.Select(e => e.PostingId).ToList();
        var payoutId = payout.GetProperty("payoutId").GetString()!;
        Assert.Equal([$"payout:{payoutId}:reserve", $"pay:{invoice.InvoiceId}"], posted);
        Assert.Contains($"payout:{payoutId}:settle", (await market.Ledger.Account(LedgerAccounts.Clearing("stripe"), 50)).Entries.Select(e => e.PostingId));
        await (await market.Admin().Payout(licensor.PartyId, "CNY")).ShouldBeProblem(422, "nothing_to_pay");
        await market.AssertTrialBalanceIsZero();
    }

    private async Task<TestPool> NewPoolWithCard()
    {
        var op = await market.Admin().NewKey("operating_center", "operator");
        var id = (await (await market.Client(op).PostJson("/api/v1/pools", PoolSteps.PoolBody(op.PartyId))).ShouldBe(201)).GetProperty("id").GetString()!;
        await (await market.Client(op).PostJson($"/api/v1/pools/{id}/rate-cards", PoolSteps.AvcCard(effectiveFrom: StripeSteps.Today))).ShouldBe(201);
        return new TestPool(id, op);
    }
}
