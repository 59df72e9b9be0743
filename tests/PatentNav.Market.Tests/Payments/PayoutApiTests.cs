using System.Net.Http.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary><c>POST /api/v1/payouts</c>: offline and Stripe payouts, refusals, outages and resumption.</summary>
public sealed class PayoutApiTests(StripeMarket market) : IClassFixture<StripeMarket>
{
    /// <summary>A licensor whose payable holds one invoice's money (paid offline, so no Stripe request is involved).</summary>
    private async Task<(IssuedKey Licensor, long Amount)> LicensorOwed(string? stripeAccountId)
    {
        var licensor = await market.NewLicensor(stripeAccountId);
        var invoice = await market.NewOpenInvoice(licensor);
        await (await market.Admin().PostWithKey($"/api/v1/invoices/{invoice.InvoiceId}/payments",
            new { bankReference = "BANK-" + Guid.NewGuid().ToString("N")[..12], amount = new { amount = invoice.Amount.Amount, currency = "CNY" } },
            Guid.NewGuid().ToString())).ShouldBe(201);
        Assert.Equal(invoice.Amount.Amount, await market.Payable(licensor.PartyId));
        return (licensor, invoice.Amount.Amount);
    }

    [Fact]
    public async Task Without_a_connected_account_the_payout_is_offline_awaiting_a_bank_transfer()
    {
        var (licensor, amount) = await LicensorOwed(stripeAccountId: null);
        var transfersBefore = market.Stripe.RequestsTo("/v1/transfers").Count;

        var payout = await (await market.Admin().Payout(licensor.PartyId, "CNY")).ShouldBe(201);

        var payoutId = payout.GetProperty("payoutId").GetString()!;
        Assert.Equal(("offline", "awaiting_bank_transfer", amount), (payout.GetProperty("provider").GetString(), payout.GetProperty("status").GetString(),
            payout.GetProperty("amount").GetProperty("amount").GetInt64()));
        Assert.Equal("PNM-" + payoutId.ToUpperInvariant(), payout.GetProperty("bankReference").GetString());
        Assert.Equal(JsonValueKindNull, payout.GetProperty("transferId").ValueKind);
        Assert.Equal(transfersBefore, market.Stripe.RequestsTo("/v1/transfers").Count);
        Assert.Equal(0, await market.Payable(licensor.PartyId));
        Assert.Contains($"payout:{payoutId}", (await market.Ledger.Account(LedgerAccounts.Clearing("offline"), 50)).Entries.Select(e => e.PostingId));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_replayed_payout_returns_the_first_answer_and_a_new_one_finds_nothing_to_pay()
    {
        var (licensor, _) = await LicensorOwed("acct_1PayoutReplay01");

        var first = await (await market.Admin().Payout(licensor.PartyId, "CNY", key: "payout-replay")).ShouldBe(201);
        var replay = await (await market.Admin().Payout(licensor.PartyId, "CNY", key: "payout-replay")).ShouldBe(201);
        await (await market.Admin().Payout(licensor.PartyId, "CNY")).ShouldBeProblem(422, "nothing_to_pay", "licensorId");
        await (await market.Admin().Payout(licensor.PartyId, "USD")).ShouldBeProblem(422, "nothing_to_pay", "licensorId");

        Assert.Equal(first.GetProperty("transferId").GetString(), replay.GetProperty("transferId").GetString());
        Assert.Single(market.Stripe.RequestsTo("/v1/transfers"), r => r.Form["destination"] == "acct_1PayoutReplay01");
        // Without a distribution the payout id groups the transfer.
        Assert.Equal(first.GetProperty("payoutId").GetString(), first.GetProperty("transferGroup").GetString());
    }

    [Fact]
    public async Task A_transfer_Stripe_refuses_fails_the_payout_and_returns_the_money_to_the_payable()
    {
        var (licensor, amount) = await LicensorOwed(FakeStripe.MissingAccountPrefix + "Payout01");

        await (await market.Admin().Payout(licensor.PartyId, "CNY", key: "payout-refused")).ShouldBeProblem(422, "payout_refused");
        await (await market.Admin().Payout(licensor.PartyId, "CNY", key: "payout-refused")).ShouldBeProblem(422, "payout_refused");

        Assert.Single(market.Stripe.RequestsTo("/v1/transfers"), r => r.Form["destination"] == FakeStripe.MissingAccountPrefix + "Payout01");
        Assert.Equal(amount, await market.Payable(licensor.PartyId));
        var listed = await (await market.Admin().GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBe(200);
        var failed = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(("failed", "resource_missing"), (failed.GetProperty("status").GetString(), failed.GetProperty("failureCode").GetString()));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_Stripe_outage_leaves_the_payout_in_flight_and_the_same_request_later_completes_it_once()
    {
        var (licensor, amount) = await LicensorOwed("acct_1PayoutOutage01");
        // More 500s than the client retries (3): the outage outlasts the call.
        market.Stripe.Script("/v1/transfers", Enumerable.Repeat(ScriptedAnswer.ServerError(), 4).ToArray());

        await (await market.Admin().Payout(licensor.PartyId, "CNY", key: "payout-outage")).ShouldBeProblem(503, "payment_provider_unavailable");
        Assert.Equal(0, await market.Payable(licensor.PartyId));
        Assert.Equal(amount, await market.Balance(LedgerAccounts.PayoutsInFlight, "CNY"));
        // Another request cannot pay the reserved money a second time.
        await (await market.Admin().Payout(licensor.PartyId, "CNY")).ShouldBeProblem(422, "nothing_to_pay");

        var payout = await (await market.Admin().Payout(licensor.PartyId, "CNY", key: "payout-outage")).ShouldBe(201);

        Assert.Equal("paid", payout.GetProperty("status").GetString());
        var attempts = market.Stripe.RequestsTo("/v1/transfers").Where(r => r.Form["destination"] == "acct_1PayoutOutage01").ToList();
        Assert.Equal([500, 500, 500, 500, 200], attempts.Select(a => a.Status));
        Assert.Single(attempts.Select(a => a.IdempotencyKey).Distinct());
        Assert.Equal(0, await market.Balance(LedgerAccounts.PayoutsInFlight, "CNY"));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task Payout_requests_are_validated_and_only_operators_may_pay_out()
    {
        var (licensor, _) = await LicensorOwed(null);
        var admin = market.Admin();

        await (await admin.Payout(licensor.PartyId, "XXX")).ShouldBeProblem(400, "unknown_currency", "currency");
        await (await admin.PostWithKey("/api/v1/payouts", new { currency = "CNY" }, "k1")).ShouldBeProblem(400, "validation_failed", "licensorId");
        await (await admin.Payout(licensor.PartyId, "CNY", distributionId: new string('d', 101))).ShouldBeProblem(400, "validation_failed", "distributionId");
        await (await admin.Payout("pty_00000000000000ff", "CNY")).ShouldBeProblem(422, "unknown_party", "licensorId");
        await (await admin.PostJson("/api/v1/payouts", new { licensorId = licensor.PartyId, currency = "CNY" })).ShouldBeProblem(400, "idempotency_key_required");
        await (await market.Client(licensor).Payout(licensor.PartyId, "CNY")).ShouldBeProblem(403, "forbidden");

        await (await market.Client(licensor).GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBe(200);
        var stranger = await admin.NewKey("company", "licensor");
        await (await market.Client(stranger).GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBeProblem(403, "forbidden");
    }

    [Fact]
    public async Task The_admin_sets_a_checked_stripe_account_that_only_the_party_and_the_admin_see()
    {
        var licensor = await market.NewLicensor();
        var url = $"/api/v1/parties/{licensor.PartyId}/stripe-account";

        await (await market.Admin().PutAsJsonAsync(url, new { stripeAccountId = "ba_123" }, MarketApp.Json)).ShouldBeProblem(400, "invalid_stripe_account", "stripeAccountId");
        await (await market.Admin().PutAsJsonAsync(url, new { stripeAccountId = "acct_1\n" }, MarketApp.Json)).ShouldBeProblem(400, "invalid_stripe_account", "stripeAccountId");
        await (await market.Admin().PutAsJsonAsync(url, new { }, MarketApp.Json)).ShouldBeProblem(400, "required", "stripeAccountId");
        await (await market.Admin().PutAsJsonAsync("/api/v1/parties/pty_00000000000000ff/stripe-account", new { stripeAccountId = "acct_1A" }, MarketApp.Json))
            .ShouldBeProblem(404, "party_not_found");
        await (await market.Client(licensor).PutAsJsonAsync(url, new { stripeAccountId = "acct_1A" }, MarketApp.Json)).ShouldBeProblem(403, "forbidden");
        var set = await (await market.Admin().PutAsJsonAsync(url, new { stripeAccountId = "acct_1VisibleAccount" }, MarketApp.Json)).ShouldBe(200);

        Assert.Equal("acct_1VisibleAccount", set.GetProperty("stripeAccountId").GetString());
        Assert.Equal("acct_1VisibleAccount", (await (await market.Client(licensor).GetAsync($"/api/v1/parties/{licensor.PartyId}")).ShouldBe(200)).GetProperty("stripeAccountId").GetString());
        var other = await market.Admin().NewKey("company", "licensee");
        Assert.Equal(JsonValueKindNull, (await (await market.Client(other).GetAsync($"/api/v1/parties/{licensor.PartyId}")).ShouldBe(200)).GetProperty("stripeAccountId").ValueKind);

        var created = await (await market.Admin().PostJson("/api/v1/parties", new { name = "Connected Co.", kind = "company", stripeAccountId = "acct_1AtCreation" })).ShouldBe(201);
        Assert.Equal("acct_1AtCreation", created.GetProperty("stripeAccountId").GetString());
        await (await market.Admin().PostJson("/api/v1/parties", new { name = "Bad Co.", kind = "company", stripeAccountId = "acct_" })).ShouldBeProblem(400, "invalid_stripe_account", "stripeAccountId");
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
