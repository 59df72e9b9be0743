using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary>
/// <c>POST /api/v1/payouts/{id}/review</c>: a Stripe payout stuck in flight past the 23 h automatic window is resolved by
/// the admin as paid (settled) or failed (money back to the payable), once.
/// </summary>
public sealed class PayoutReviewApiTests(StripeMarket market) : IClassFixture<StripeMarket>
{
    /// <summary>A licensor with a connected account whose payout is stuck in flight by a Stripe outage.</summary>
    private async Task<(IssuedKey Licensor, string PayoutId, long Amount)> StuckPayout(string account)
    {
        var licensor = await market.NewLicensor(account);
        var invoice = await market.NewOpenInvoice(licensor);
        await (await market.Admin().PostWithKey($"/api/v1/invoices/{invoice.InvoiceId}/payments",
            new { bankReference = "BANK-" + Guid.NewGuid().ToString("N")[..12], amount = new { amount = invoice.Amount.Amount, currency = "CNY" } },
            Guid.NewGuid().ToString())).ShouldBe(201);
        market.Stripe.Script("/v1/transfers", Enumerable.Repeat(ScriptedAnswer.ServerError(), 4).ToArray());
        var key = Guid.NewGuid().ToString();
        await (await market.Admin().Payout(licensor.PartyId, "CNY", key: key)).ShouldBeProblem(503, "payment_provider_unavailable");
        var listed = await (await market.Admin().GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBe(200);
        var payout = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("in_flight", payout.GetProperty("status").GetString());
        return (licensor, payout.GetProperty("payoutId").GetString()!, invoice.Amount.Amount);
    }

    private Task<HttpResponseMessage> Review(HttpClient client, string payoutId, object body, string? key = null) =>
        client.PostWithKey($"/api/v1/payouts/{payoutId}/review", body, key ?? Guid.NewGuid().ToString());

    [Fact]
    public async Task A_payout_in_flight_past_23_hours_is_resolved_by_the_admin_as_paid_or_failed_once()
    {
        var admin = market.Admin();
        var (settled, settledId, settledAmount) = await StuckPayout("acct_1ReviewPaid01");
        var (returned, returnedId, returnedAmount) = await StuckPayout("acct_1ReviewFail01");
        var inFlight = await market.Balance(LedgerAccounts.PayoutsInFlight, "CNY");

        // Inside the window the payout still resumes by itself; operators never review.
        await (await Review(admin, settledId, new { outcome = "paid", transferId = "tr_1Found" })).ShouldBeProblem(409, "payout_not_stale");
        var op = await admin.NewKey("operating_center", "operator");
        await (await Review(market.Client(op), settledId, new { outcome = "paid", transferId = "tr_1Found" })).ShouldBeProblem(403, "forbidden");

        market.Clock.Shift(TimeSpan.FromHours(24));
        var stuck = await (await admin.GetAsync("/api/v1/payouts?status=in_flight")).ShouldBe(200);
        Assert.Contains(stuck.GetProperty("items").EnumerateArray(), p => p.GetProperty("payoutId").GetString() == settledId);
        await (await admin.Payout(settled.PartyId, "CNY")).ShouldBeProblem(422, "nothing_to_pay");
        await (await Review(admin, settledId, new { outcome = "paid" })).ShouldBeProblem(400, "validation_failed", "transferId");
        await (await Review(admin, settledId, new { outcome = "paid", transferId = "po_1" })).ShouldBeProblem(400, "validation_failed", "transferId");
        await (await Review(admin, settledId, new { outcome = "lost" })).ShouldBe(400);
        await (await Review(admin, "po_0000000000000000", new { outcome = "failed" })).ShouldBeProblem(404, "payout_not_found");

        var paid = await (await Review(admin, settledId, new { outcome = "paid", transferId = "tr_1Found", note = "found in the Dashboard" })).ShouldBe(200);
        Assert.Equal(("paid", "tr_1Found", "reviewed"), (paid.GetProperty("status").GetString(), paid.GetProperty("transferId").GetString(),
            paid.GetProperty("settlement").GetProperty("action").GetString()));
        Assert.Equal(paid.GetRawText(), (await (await Review(admin, settledId, new { outcome = "paid", transferId = "tr_1Found" })).ShouldBe(200)).GetRawText());
        await (await Review(admin, settledId, new { outcome = "failed" })).ShouldBeProblem(409, "invalid_payout_state");

        var failed = await (await Review(admin, returnedId, new { outcome = "failed" })).ShouldBe(200);
        Assert.Equal(("failed", "failed_on_review"), (failed.GetProperty("status").GetString(), failed.GetProperty("failureCode").GetString()));

        // Paid: in flight → clearing:stripe; failed: in flight → the payable; each once.
        Assert.Equal(inFlight - settledAmount - returnedAmount, await market.Balance(LedgerAccounts.PayoutsInFlight, "CNY"));
        Assert.Equal(0, await market.Payable(settled.PartyId));
        Assert.Equal(returnedAmount, await market.Payable(returned.PartyId));
        var clearing = (await market.Ledger.Account(LedgerAccounts.Clearing("stripe"), 500)).Entries.Select(e => e.PostingId).ToList();
        Assert.Single(clearing, id => id == $"payout:{settledId}:settle");
        Assert.DoesNotContain($"payout:{returnedId}:settle", clearing);
        Assert.Contains($"payout:{returnedId}:release", (await market.Ledger.Account(LedgerAccounts.LicensorPayable(returned.PartyId), 50)).Entries.Select(e => e.PostingId));
        // The payout request itself no longer resumes it: it is closed.
        var settledList = await (await admin.GetAsync($"/api/v1/parties/{settled.PartyId}/payouts")).ShouldBe(200);
        Assert.Equal("paid", Assert.Single(settledList.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
        await market.AssertTrialBalanceIsZero();
    }
}
