using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;
using static PatentNav.Market.Tests.Api.TransferSteps;

namespace PatentNav.Market.Tests.Payments;

/// <summary>
/// A transfer's price paid through Stripe (§7, §9): a PaymentIntent tagged <c>metadata[transfer_id]</c>,
/// then the signed webhook pays it into the transfer's escrow from <c>clearing:stripe</c>; a refund on
/// cancellation goes back to <c>clearing:stripe</c>.
/// </summary>
public sealed class StripeTransferPaymentsTests(StripeMarket market) : IClassFixture<StripeMarket>
{
    private const string Currency = "CNY";

    [Fact]
    public async Task The_buyer_pays_by_Stripe_and_the_webhook_puts_the_price_into_escrow_once()
    {
        var (cast, id) = await AwaitingPayment();
        var buyer = market.Client(cast.Buyer);

        // Only the buyer or the center's operator opens an intent; a retry with the same key gets the same one.
        await (await market.Client(cast.Seller).PayByStripe(id)).ShouldBeProblem(403, "forbidden");
        await (await market.Client(await market.Admin().NewKey("company", "licensee")).PayByStripe(id)).ShouldBeProblem(404, "transfer_not_found");
        var intent = await (await buyer.PayByStripe(id, key: "trf-pi-1")).ShouldBe(201);
        var replay = await (await buyer.PayByStripe(id, key: "trf-pi-1")).ShouldBe(201);
        var piId = intent.GetProperty("id").GetString()!;
        Assert.Equal((piId, id, Price), (replay.GetProperty("id").GetString(), intent.GetProperty("transferId").GetString(), intent.GetProperty("amount").GetProperty("amount").GetInt64()));
        Assert.StartsWith(piId + "_secret_", intent.GetProperty("clientSecret").GetString());
        var sent = Assert.Single(market.Stripe.RequestsTo("/v1/payment_intents"), r => r.Form.GetValueOrDefault("metadata[transfer_id]") == id && !r.Replayed);
        Assert.Equal((Price.ToString(), "cny", $"Transfer {id}"), (sent.Form["amount"], sent.Form["currency"], sent.Form["description"]));
        Assert.False(sent.Form.ContainsKey("metadata[invoice_id]"));
        Assert.False(string.IsNullOrEmpty(sent.IdempotencyKey));
        var unpaid = await buyer.Transfer(id);
        Assert.Equal("awaiting_payment", unpaid.Status());

        // Stripe reports success: the price is in escrow, taken from clearing:stripe.
        var eventId = "evt_" + Guid.NewGuid().ToString("N")[..24];
        var settled = await (await market.Deliver(Succeeded(id, piId, Price, eventId))).ShouldBe(200);
        Assert.Equal(("transfer_paid", false), (settled.GetProperty("result").GetString(), settled.GetProperty("duplicate").GetBoolean()));
        var paid = await buyer.Transfer(id);
        Assert.Equal("awaiting_recordation", paid.Status());
        Assert.Equal(("stripe", piId), (paid.GetProperty("payment").GetProperty("provider").GetString(), paid.GetProperty("payment").GetProperty("reference").GetString()));
        Assert.Equal(Price, paid.GetProperty("escrow").GetProperty("held").GetProperty("amount").GetInt64());
        Assert.Equal(Price, await market.Balance(Escrow(id), Currency));
        Assert.Equal(-Price, Assert.Single(await ClearingStripe($"pay:{id}")));
        await market.AssertTrialBalanceIsZero();

        // The same event again, or another event about the same intent, changes nothing.
        var again = await (await market.Deliver(Succeeded(id, piId, Price, eventId))).ShouldBe(200);
        Assert.Equal(("transfer_paid", true), (again.GetProperty("result").GetString(), again.GetProperty("duplicate").GetBoolean()));
        await (await market.Deliver(Succeeded(id, piId, Price))).ShouldBe(200);
        Assert.Equal(paid.Version(), (await buyer.Transfer(id)).Version());
        Assert.Equal([$"pay:{id}"], await Postings(Escrow(id)));
        Assert.Equal(-Price, Assert.Single(await ClearingStripe($"pay:{id}")));

        // Paid by another intent, or a second intent requested: refused, nothing moves.
        var other = await (await market.Deliver(Succeeded(id, "pi_another_intent", Price))).ShouldBe(200);
        Assert.Equal(("ignored", "transfer_already_paid"), (other.GetProperty("result").GetString(), other.GetProperty("reason").GetString()));
        await (await buyer.PayByStripe(id)).ShouldBeProblem(409, "transfer_already_paid");
        Assert.Equal(Price, await market.Balance(Escrow(id), Currency));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_wrong_amount_an_unknown_transfer_or_one_no_longer_awaiting_payment_is_acknowledged_and_changes_nothing()
    {
        var (cast, id) = await AwaitingPayment();
        var intent = (await (await market.Client(cast.Operator).PayByStripe(id)).ShouldBe(201)).GetProperty("id").GetString()!;

        await AssertIgnored(Succeeded(id, intent, Price - 1), "amount_mismatch");
        await AssertIgnored(Succeeded(id, intent, Price, currency: "usd"), "amount_mismatch");
        await AssertIgnored(Succeeded("trf_00000000000000ff", intent, Price), "transfer_not_found");
        await AssertIgnored(Succeeded("not-a-transfer", intent, Price), "transfer_not_found");
        Assert.Equal("awaiting_payment", (await market.Client(cast.Buyer).Transfer(id)).Status());
        Assert.Equal(0, await market.Balance(Escrow(id), Currency));

        // Cancelled before the money arrived: the late success is recorded and left to a refund in Stripe.
        await (await market.Client(cast.Buyer).CancelTransfer(id)).ShouldBe(200);
        await AssertIgnored(Succeeded(id, intent, Price), "invalid_transfer_state");
        await (await market.Client(cast.Buyer).PayByStripe(id)).ShouldBeProblem(409, "invalid_transfer_state");
        var cancelled = await market.Client(cast.Buyer).Transfer(id);
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("payment").ValueKind);
        Assert.Empty(await Postings(Escrow(id)));
        Assert.Empty(await ClearingStripe($"pay:{id}"));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task Cancelling_a_Stripe_paid_transfer_refunds_escrow_to_clearing_stripe_exactly_once()
    {
        var (cast, id) = await AwaitingPayment();
        var op = market.Client(cast.Operator);
        var intent = (await (await op.PayByStripe(id)).ShouldBe(201)).GetProperty("id").GetString()!;
        var eventId = "evt_" + Guid.NewGuid().ToString("N")[..24];
        await (await market.Deliver(Succeeded(id, intent, Price, eventId))).ShouldBe(200);
        Assert.Equal(Price, await market.Balance(Escrow(id), Currency));

        await (await market.Client(cast.Buyer).CancelTransfer(id)).ShouldBeProblem(409, "transfer_paid");
        var cancelled = await (await op.CancelTransfer(id, "buyer withdrew")).ShouldBe(200);
        Assert.Equal("cancelled", cancelled.Status());
        Assert.Equal(Price, cancelled.GetProperty("closing").GetProperty("refunded").GetProperty("amount").GetInt64());

        // Cancelling again, and Stripe redelivering the payment, change nothing: one refund, back to Stripe's clearing.
        Assert.Equal(cancelled.Version(), (await (await op.CancelTransfer(id)).ShouldBe(200)).Version());
        await (await market.Deliver(Succeeded(id, intent, Price, eventId))).ShouldBe(200);
        await (await market.Deliver(Succeeded(id, intent, Price))).ShouldBe(200);
        Assert.Equal(cancelled.Version(), (await op.Transfer(id)).Version());
        Assert.Equal(0, await market.Balance(Escrow(id), Currency));
        Assert.Equal([$"pay:{id}", $"refund:{id}"], await Postings(Escrow(id)));
        Assert.Equal(-Price, Assert.Single(await ClearingStripe($"pay:{id}")));
        Assert.Equal(Price, Assert.Single(await ClearingStripe($"refund:{id}")));
        await market.AssertTrialBalanceIsZero();
    }

    /// <summary>A domestic transfer with no consents to wait for: open, it awaits payment at once.</summary>
    private async Task<(TransferCast Cast, string Id)> AwaitingPayment()
    {
        var admin = market.Admin();
        var cast = await admin.NewCast();
        var opened = await market.Client(cast.Seller).Open(cast, [await admin.NewPatent(cast.Seller.PartyId)]);
        Assert.Equal("awaiting_payment", opened.Status());
        return (cast, opened.TransferId());
    }

    private async Task AssertIgnored(string json, string reason)
    {
        var body = await (await market.Deliver(json)).ShouldBe(200);
        Assert.Equal(("ignored", reason), (body.GetProperty("result").GetString(), body.GetProperty("reason").GetString()));
    }

    private static string Succeeded(string transferId, string intent, long amount, string? eventId = null, string currency = "cny") =>
        StripeMarket.PaymentIntentEvent("payment_intent.succeeded", intent, new Dictionary<string, string> { ["transfer_id"] = transferId }, amount, currency, eventId);

    private async Task<long[]> ClearingStripe(string postingId) =>
        [.. (await market.Ledger.Account(LedgerAccounts.Clearing("stripe"), 1000)).Entries.Where(e => e.PostingId == postingId).Select(e => e.Amount.Amount)];

    private Task<string[]> Postings(string account) => market.Factory.Services.Postings(account);
}

internal static class StripeTransferSteps
{
    public static Task<HttpResponseMessage> PayByStripe(this HttpClient client, string transferId, string? key = null) =>
        client.PostWithKey($"/api/v1/transfers/{transferId}/payment-intents", null, key ?? Guid.NewGuid().ToString());
}
