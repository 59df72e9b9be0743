using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;
using PatentNav.Market.Tests.Payments;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Offline payouts leave <c>awaiting_bank_transfer</c>: the ordering center's operator confirms the bank transfer (reference,
/// day) or cancels (money back to the payable, a balanced posting); <c>GET /api/v1/payouts?status=</c> lists them per center.
/// The payables arise in the center's own pools (docs/TENANCY.md: only those a center pays out).
/// </summary>
public sealed class OfflinePayoutsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    /// <summary>A payable of the licensor that arose in a pool of <paramref name="center"/> (a quarter distributed); returns the amount.</summary>
    private async Task<long> Owe(IssuedKey center, IssuedKey licensor) => (await market.PoolPayable(center, licensor)).Share;

    private static Task<HttpResponseMessage> Confirm(HttpClient client, string payoutId, string bankReference, string paidOn, string? key = null) =>
        client.PostWithKey($"/api/v1/payouts/{payoutId}/confirmation", new { bankReference, paidOn }, key ?? Guid.NewGuid().ToString());

    private static Task<HttpResponseMessage> Cancel(HttpClient client, string payoutId, string? reason, string? key = null) =>
        client.PostWithKey($"/api/v1/payouts/{payoutId}/cancellation", new { reason }, key ?? Guid.NewGuid().ToString());

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("payoutId").GetString()!)];

    [Fact]
    public async Task The_centers_operator_confirms_or_cancels_an_offline_payout_and_lists_its_payouts_by_status()
    {
        var admin = market.Admin();
        var center = await admin.NewKey("operating_center", "operator");
        var otherCenter = await admin.NewKey("operating_center", "operator");
        var (op, other) = (market.Client(center), market.Client(otherCenter));
        var licensor = await admin.NewKey("company", "licensor");

        var amount = await Owe(center, licensor);
        var today = market.Clock.Today.Iso();
        var confirmed = await (await op.Payout(licensor.PartyId, "USD")).ShouldBe(201);
        var confirmedId = confirmed.GetProperty("payoutId").GetString()!;
        Assert.Equal(("awaiting_bank_transfer", center.PartyId), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("centerId").GetString()));

        // Listed for its center and the admin, not for another center.
        Assert.Contains(confirmedId, Ids(await (await op.GetAsync("/api/v1/payouts?status=awaiting_bank_transfer")).ShouldBe(200)));
        Assert.Contains(confirmedId, Ids(await (await admin.GetAsync("/api/v1/payouts?limit=100")).ShouldBe(200)));
        Assert.DoesNotContain(confirmedId, Ids(await (await other.GetAsync("/api/v1/payouts")).ShouldBe(200)));
        Assert.DoesNotContain(confirmedId, Ids(await (await op.GetAsync("/api/v1/payouts?status=paid")).ShouldBe(200)));
        await (await op.GetAsync("/api/v1/payouts?status=done")).ShouldBeProblem(400, "invalid_parameter", "status");
        await (await market.Client(licensor).GetAsync("/api/v1/payouts")).ShouldBeProblem(403, "forbidden");

        // Refusals change nothing.
        await (await Confirm(other, confirmedId, "HSBC-20300102-001", today)).ShouldBeProblem(404, "payout_not_found"); // not its licensor's payable
        await (await Confirm(op, "po_0000000000000000", "HSBC-20300102-001", today)).ShouldBeProblem(404, "payout_not_found");
        await (await Confirm(op, confirmedId, "HSBC-20300102-001", market.Clock.Today.AddDays(1).Iso())).ShouldBeProblem(400, "date_in_future", "paidOn");
        await (await Confirm(op, confirmedId, "HSBC-20300102-001", market.Clock.Today.AddDays(-1).Iso())).ShouldBeProblem(422, "paid_before_payout", "paidOn");
        await (await Confirm(op, confirmedId, " ", today)).ShouldBeProblem(400, "validation_failed", "bankReference");
        await (await op.PostJson($"/api/v1/payouts/{confirmedId}/confirmation", new { bankReference = "X", paidOn = today })).ShouldBeProblem(400, "idempotency_key_required");

        var paid = await (await Confirm(op, confirmedId, " hsbc-20300102-001 ", today, key: "confirm-1")).ShouldBe(200);
        Assert.Equal(("paid", "confirmed", "HSBC-20300102-001", today), (paid.GetProperty("status").GetString(),
            paid.GetProperty("settlement").GetProperty("action").GetString(), paid.GetProperty("settlement").GetProperty("bankReference").GetString(),
            paid.GetProperty("settlement").GetProperty("paidOn").GetString()));
        Assert.Equal(paid.GetProperty("status").GetString(), (await (await Confirm(op, confirmedId, "HSBC-20300102-001", today)).ShouldBe(200)).GetProperty("status").GetString());
        await (await Confirm(op, confirmedId, "HSBC-20300102-002", today)).ShouldBeProblem(409, "payout_already_confirmed", "bankReference");
        await (await Cancel(op, confirmedId, "wrong account")).ShouldBeProblem(409, "payout_already_confirmed");
        // Confirming moved nothing: the money left the payable when the payout was ordered.
        Assert.Equal(0, await market.Balance(licensor.Payable(), "USD"));
        Assert.Single(await market.Entries(licensor.Payable()), e => e.PostingId == $"payout:{confirmedId}");

        // Cancelled: the money is back in the payable, by a posting of its own; the original stays.
        var second = await Owe(center, licensor);
        today = market.Clock.Today.Iso();
        var cancelledId = (await (await op.Payout(licensor.PartyId, "USD")).ShouldBe(201)).GetProperty("payoutId").GetString()!;
        await (await Cancel(op, cancelledId, "")).ShouldBeProblem(400, "required", "reason");
        await (await Cancel(other, cancelledId, "not ours")).ShouldBeProblem(404, "payout_not_found");
        var cancelled = await (await Cancel(op, cancelledId, "the licensor changed banks")).ShouldBe(200);
        Assert.Equal(("cancelled", "the licensor changed banks"), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("settlement").GetProperty("reason").GetString()));
        Assert.Equal("cancelled", (await (await Cancel(op, cancelledId, "again")).ShouldBe(200)).GetProperty("status").GetString());
        await (await Confirm(op, cancelledId, "HSBC-20300102-003", today)).ShouldBeProblem(409, "payout_cancelled");
        Assert.Equal(second, await market.Balance(licensor.Payable(), "USD"));
        var postings = (await market.Entries(LedgerAccounts.Clearing("offline"))).Select(e => e.PostingId).ToList();
        Assert.Contains($"payout:{cancelledId}", postings);
        Assert.Single(postings, id => id == $"payout:{cancelledId}:cancel");
        Assert.Contains(cancelledId, Ids(await (await op.GetAsync("/api/v1/payouts?status=cancelled")).ShouldBe(200)));

        // A bank reference confirms one payout only.
        var thirdId = (await (await op.Payout(licensor.PartyId, "USD")).ShouldBe(201)).GetProperty("payoutId").GetString()!;
        await (await Confirm(op, thirdId, "HSBC-20300102-001", today)).ShouldBeProblem(409, "bank_reference_used", "bankReference");
        Assert.Equal(amount, second);
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task The_centers_payouts_page_with_a_server_cursor_newest_first_and_a_bad_cursor_or_limit_is_400()
    {
        var admin = market.Admin();
        var center = await admin.NewKey("operating_center", "operator");
        var op = market.Client(center);
        var payouts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var licensor = await admin.NewKey("company", "licensor");
            await Owe(center, licensor);
            payouts.Add((await (await op.Payout(licensor.PartyId, "USD")).ShouldBe(201)).GetProperty("payoutId").GetString()!);
            market.Clock.SetUtc(market.Clock.GetUtcNow().AddMinutes(1)); // distinct creation times: the order is newest first
        }

        var first = await (await op.GetAsync("/api/v1/payouts?limit=2")).ShouldBe(200);
        Assert.Equal([payouts[2], payouts[1]], Ids(first));
        var next = first.GetProperty("nextCursor").GetString()!;
        var second = await (await op.GetAsync($"/api/v1/payouts?limit=2&cursor={next}")).ShouldBe(200);
        Assert.Equal([payouts[0]], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(payouts[0], Assert.Single(Ids(await (await op.GetAsync($"/api/v1/payouts?status=awaiting_bank_transfer&limit=1&cursor={PageCursorOf(2)}")).ShouldBe(200))));

        await (await op.GetAsync("/api/v1/payouts?limit=101")).ShouldBeProblem(400, "validation_failed", "limit");
        await (await op.GetAsync("/api/v1/payouts?cursor=%21%21")).ShouldBeProblem(400, "validation_failed", "cursor");
    }

    private static string PageCursorOf(int position) => PatentNav.Market.ClientApi.Apis.PageCursor.Encode(position);
}
