using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary><c>POST /webhooks/stripe</c> on PostgreSQL: signatures, duplicates, order, irrelevant events.</summary>
public sealed class StripeWebhookApiTests(StripeMarket market) : IClassFixture<StripeMarket>
{
    private static string Succeeded(OpenInvoice invoice, string intent, string? eventId = null) =>
        StripeMarket.PaymentIntentEvent("payment_intent.succeeded", intent, invoice.InvoiceId, invoice.Amount.Amount, "cny", eventId);

    [Fact]
    public async Task Unsigned_tampered_foreign_and_stale_deliveries_are_refused_and_change_nothing()
    {
        var invoice = await market.NewOpenInvoice(await market.NewLicensor());
        var json = Succeeded(invoice, "pi_refused");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await (await market.DeliverSigned(json, null)).ShouldBeProblem(400, "invalid_signature");
        await (await market.DeliverSigned(json.Replace("\"cny\"", "\"usd\""), StripeSigning.Header(now, json, StripeMarket.WebhookSecret)))
            .ShouldBeProblem(400, "invalid_signature");
        await (await market.Deliver(json, secret: "whsec_not_ours")).ShouldBeProblem(400, "invalid_signature");
        await (await market.Deliver(json, timestamp: now - 301)).ShouldBeProblem(400, "invalid_signature");

        Assert.Equal("open", (await market.Client(invoice.Licensee).Invoice(invoice)).GetProperty("status").GetString());
        Assert.Equal(0, await market.Payable(invoice.Licensor.PartyId));
    }

    [Fact]
    public async Task A_header_with_several_v1_signatures_is_accepted_when_one_matches()
    {
        var invoice = await market.NewOpenInvoice(await market.NewLicensor());
        var json = Succeeded(invoice, "pi_rolled");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var old = StripeSigning.V1(now, json, "whsec_previous_secret");

        var body = await (await market.DeliverSigned(json, $"{StripeSigning.Header(now, json, StripeMarket.WebhookSecret)},v1={old}")).ShouldBe(200);

        Assert.Equal("invoice_paid", body.GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_duplicate_event_is_acknowledged_and_changes_nothing()
    {
        var invoice = await market.NewOpenInvoice(await market.NewLicensor());
        var json = Succeeded(invoice, "pi_duplicate");

        var first = await (await market.Deliver(json)).ShouldBe(200);
        var second = await (await market.Deliver(json)).ShouldBe(200);

        Assert.Equal(("invoice_paid", false), (first.GetProperty("result").GetString(), first.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(("invoice_paid", true), (second.GetProperty("result").GetString(), second.GetProperty("duplicate").GetBoolean()));
        var payable = await market.Ledger.Account(LedgerAccounts.LicensorPayable(invoice.Licensor.PartyId), 10);
        Assert.Equal([$"pay:{invoice.InvoiceId}"], payable.Entries.Select(e => e.PostingId));
        Assert.Equal(invoice.Amount.Amount, await market.Payable(invoice.Licensor.PartyId));
    }

    [Fact]
    public async Task A_failure_arriving_after_success_does_not_unpay_and_a_failure_before_it_does_not_block_it()
    {
        var invoice = await market.NewOpenInvoice(await market.NewLicensor());
        var failed = StripeMarket.PaymentIntentEvent("payment_intent.payment_failed", "pi_order", invoice.InvoiceId, invoice.Amount.Amount, "cny");

        var early = await (await market.Deliver(failed)).ShouldBe(200);
        await (await market.Deliver(Succeeded(invoice, "pi_order"))).ShouldBe(200);
        var late = await (await market.Deliver(StripeMarket.PaymentIntentEvent("payment_intent.payment_failed", "pi_order", invoice.InvoiceId, invoice.Amount.Amount, "cny"))).ShouldBe(200);

        Assert.Equal("no_effect", early.GetProperty("result").GetString());
        Assert.Equal("no_effect", late.GetProperty("result").GetString());
        var paid = await market.Client(invoice.Licensee).Invoice(invoice);
        Assert.Equal(("paid", "pi_order"), (paid.GetProperty("status").GetString(), paid.GetProperty("paymentReference").GetString()));
        Assert.Equal(invoice.Amount.Amount, await market.Payable(invoice.Licensor.PartyId));
    }

    [Fact]
    public async Task Success_for_an_unknown_or_already_paid_invoice_is_acknowledged_and_changes_nothing()
    {
        var invoice = await market.NewOpenInvoice(await market.NewLicensor());
        await (await market.Deliver(Succeeded(invoice, "pi_first"))).ShouldBe(200);
        var before = await market.Ledger.Balances();

        var again = await (await market.Deliver(Succeeded(invoice, "pi_second"))).ShouldBe(200);
        var unknown = await (await market.Deliver(StripeMarket.PaymentIntentEvent(
            "payment_intent.succeeded", "pi_unknown", "inv_00000000000000ff_00000000", 100, "cny"))).ShouldBe(200);
        var foreign = await (await market.Deliver(StripeMarket.PaymentIntentEvent(
            "payment_intent.succeeded", "pi_foreign", "order-42", 100, "cny"))).ShouldBe(200);

        Assert.Equal(("ignored", "invoice_already_paid"), (again.GetProperty("result").GetString(), again.GetProperty("reason").GetString()));
        Assert.Equal(("ignored", "invoice_not_found"), (unknown.GetProperty("result").GetString(), unknown.GetProperty("reason").GetString()));
        Assert.Equal(("ignored", "not_an_invoice_payment"), (foreign.GetProperty("result").GetString(), foreign.GetProperty("reason").GetString()));
        Assert.Equal("pi_first", (await market.Client(invoice.Licensee).Invoice(invoice)).GetProperty("paymentReference").GetString());
        Assert.Equal(before, await market.Ledger.Balances());
    }

    [Fact]
    public async Task A_wrong_amount_is_acknowledged_without_settling()
    {
        var invoice = await market.NewOpenInvoice(await market.NewLicensor());

        var body = await (await market.Deliver(StripeMarket.PaymentIntentEvent(
            "payment_intent.succeeded", "pi_short", invoice.InvoiceId, invoice.Amount.Amount - 1, "cny"))).ShouldBe(200);

        Assert.Equal(("ignored", "amount_mismatch"), (body.GetProperty("result").GetString(), body.GetProperty("reason").GetString()));
        Assert.Equal("open", (await market.Client(invoice.Licensee).Invoice(invoice)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Valid_events_that_do_not_concern_invoices_get_200_and_a_body_that_is_no_event_gets_400()
    {
        var customer = """{"id":"evt_customer_1","object":"event","type":"customer.created","created":1700000000,"data":{"object":{"id":"cus_1","object":"customer"}}}""";

        var body = await (await market.Deliver(customer)).ShouldBe(200);
        await (await market.Deliver("""{"object":"event"}""")).ShouldBeProblem(400, "malformed_json");
        await (await market.Deliver("not json")).ShouldBeProblem(400, "malformed_json");

        Assert.Equal(("no_effect", "customer.created"), (body.GetProperty("result").GetString(), body.GetProperty("type").GetString()));
    }
}
