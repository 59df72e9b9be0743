using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;
using PatentNav.Market.Tests.Payments;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Issue 10 §1, the payouts (docs/TENANCY.md): a center orders, confirms and cancels payouts, and reads a party's payouts,
/// only of payables its own pools' distributions paid into; the payee reads its own; the admin everything. On main any
/// operator paid out any licensor's payable. Also who records a patent's end of force: a holder, or a center whose pool
/// the patent is in.
/// </summary>
public sealed class PayoutTenancyApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private HttpClient Admin => market.Admin();

    private static string[] Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("payoutId").GetString()!)];

    private async Task<string[]> PayoutsOf(HttpClient client, string partyId) =>
        [.. (await (await client.GetAsync($"/api/v1/parties/{partyId}/payouts")).ShouldBe(200)).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("payoutId").GetString()!)];

    [Fact]
    public async Task Only_a_center_whose_pools_paid_into_a_payable_pays_it_out_and_sees_its_payouts()
    {
        var (centerA, centerB) = (await Admin.NewKey("operating_center", "operator"), await Admin.NewKey("operating_center", "operator"));
        var (opA, opB) = (market.Client(centerA), market.Client(centerB));
        var licensor = await Admin.NewKey("company", "licensor");
        var payable = LedgerAccounts.LicensorPayable(licensor.PartyId);
        var (_, share) = await market.PoolPayable(centerA, licensor);
        Assert.True(share > 0);

        // Center B's pools never paid this licensor: B orders nothing, reads nothing, and nothing changed.
        await (await opB.Payout(licensor.PartyId, "USD")).ShouldBeProblem(403, "forbidden", "licensorId");
        await (await opB.GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBeProblem(403, "forbidden");
        Assert.Equal(share, await market.Balance(payable));
        Assert.Empty(await PayoutsOf(Admin, licensor.PartyId));

        // Center A's pool did: A pays out; A, the licensor and the admin see the payout, B does not.
        var payout = await (await opA.Payout(licensor.PartyId, "USD")).ShouldBe(201);
        var payoutId = payout.GetProperty("payoutId").GetString()!;
        Assert.Equal((share, centerA.PartyId), (payout.GetProperty("amount").Minor(), payout.GetProperty("centerId").GetString()));
        Assert.Equal(0, await market.Balance(payable));
        Assert.Equal([payoutId], await PayoutsOf(opA, licensor.PartyId));
        Assert.Equal([payoutId], await PayoutsOf(market.Client(licensor), licensor.PartyId));
        Assert.Contains(payoutId, Ids(await (await opA.GetAsync("/api/v1/payouts")).ShouldBe(200)));
        Assert.Contains(payoutId, Ids(await (await Admin.GetAsync("/api/v1/payouts?limit=100")).ShouldBe(200)));
        Assert.DoesNotContain(payoutId, Ids(await (await opB.GetAsync("/api/v1/payouts")).ShouldBe(200)));

        // B may not even see it: the 404 of a missing payout; the payout and the money stay as they were.
        var today = market.Clock.Today.Iso();
        await (await opB.PostWithKey($"/api/v1/payouts/{payoutId}/confirmation", new { bankReference = "HIJACK-001", paidOn = today }, Guid.NewGuid().ToString()))
            .ShouldBeProblem(404, "payout_not_found");
        await (await opB.PostWithKey($"/api/v1/payouts/{payoutId}/cancellation", new { reason = "not ours" }, Guid.NewGuid().ToString()))
            .ShouldBeProblem(404, "payout_not_found");
        var unchanged = (await (await Admin.GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBe(200)).GetProperty("items")[0];
        Assert.Equal("awaiting_bank_transfer", unchanged.GetProperty("status").GetString());
        Assert.Equal(0, await market.Balance(payable));
        Assert.Equal([$"payout:{payoutId}"], (await market.Entries(LedgerAccounts.Clearing("offline"))).Select(e => e.PostingId).Where(id => id.Contains(payoutId)));

        // Once B's pool pays the licensor too, B pays out what is payable now; A sees B's payout (the payable arose in its
        // pool as well) but only the ordering center confirms it: 403, not 404.
        var (_, second) = await market.PoolPayable(centerB, licensor);
        var byB = (await (await opB.Payout(licensor.PartyId, "USD")).ShouldBe(201)).GetProperty("payoutId").GetString()!;
        Assert.Contains(byB, Ids(await (await opA.GetAsync("/api/v1/payouts")).ShouldBe(200)));
        await (await opA.PostWithKey($"/api/v1/payouts/{byB}/confirmation", new { bankReference = "HIJACK-002", paidOn = market.Clock.Today.Iso() }, Guid.NewGuid().ToString()))
            .ShouldBeProblem(403, "forbidden");
        var confirmed = await (await opB.PostWithKey($"/api/v1/payouts/{byB}/confirmation", new { bankReference = $"BANK-{byB}", paidOn = market.Clock.Today.Iso() },
            Guid.NewGuid().ToString())).ShouldBe(200);
        Assert.Equal(("paid", second), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("amount").Minor()));
        await (await opA.PostWithKey($"/api/v1/payouts/{payoutId}/cancellation", new { reason = "wrong account" }, Guid.NewGuid().ToString())).ShouldBe(200);
        Assert.Equal(share, await market.Balance(payable));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_payable_of_no_pool_is_paid_out_by_the_admin_only()
    {
        var center = await Admin.NewKey("operating_center", "operator");
        var licensor = await Admin.NewKey("company", "licensor");
        var licensee = await Admin.NewKey("company", "licensee");
        // A bilateral royalty, paid: the licensor's payable arose with no operating center.
        var quarter = LicenceSteps.Quarter(market.Clock.Today);
        var licence = await (await market.Client(licensor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licensee.PartyId, [await Admin.NewPatent(licensor.PartyId)], start: quarter.FirstDay))).ShouldBe(201);
        var royalty = await (await market.Client(licensee).Report(licence.Id(), quarter.ToString(), 10_000)).ShouldBe(201);
        await (await Admin.Pay(royalty.Id(), $"BANK-{royalty.Id()}", royalty.Amount(), "CNY")).ShouldBe(201);

        await (await market.Client(center).Payout(licensor.PartyId, "CNY")).ShouldBeProblem(403, "forbidden", "licensorId");
        await (await market.Client(center).GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBeProblem(403, "forbidden");
        Assert.Equal(royalty.Amount(), await market.Balance(licensor.Payable(), "CNY"));

        var paid = await (await Admin.Payout(licensor.PartyId, "CNY")).ShouldBe(201);
        Assert.Equal(JsonValueKind.Null, paid.GetProperty("centerId").ValueKind);
        Assert.Equal(0, await market.Balance(licensor.Payable(), "CNY"));
        // Unknown parties are the endpoint's to refuse, as before.
        await (await market.Client(center).Payout("pty_00000000000000ff", "CNY")).ShouldBeProblem(422, "unknown_party", "licensorId");
    }

    [Fact]
    public async Task A_patents_end_of_force_is_recorded_by_a_holder_or_the_center_of_a_pool_it_is_in()
    {
        var pool = await market.NewPool();
        var (holder, pooled) = await market.MemberWithPatent(pool, 1_000_000);
        var unpooled = await Admin.NewPatent(holder.PartyId);
        var otherCenter = market.Client(await Admin.NewKey("operating_center", "operator"));
        var stranger = market.Client(await Admin.NewKey("company", "licensor"));
        var day = market.Clock.Today.AddDays(-1).Iso();
        object Lapse() => new { status = "lapsed", date = day };

        // Another center, a licensor that holds neither patent, the pool's center on a patent not in its pool: refused, nothing recorded.
        await (await otherCenter.PostJson($"/api/v1/patents/{pooled}/end-of-force", Lapse())).ShouldBeProblem(403, "forbidden");
        await (await stranger.PostJson($"/api/v1/patents/{pooled}/end-of-force", Lapse())).ShouldBeProblem(403, "forbidden");
        await (await market.Client(pool.Administrator).PostJson($"/api/v1/patents/{unpooled}/end-of-force", Lapse())).ShouldBeProblem(403, "forbidden");
        await (await market.Client(await Admin.NewKey("company", "licensee")).PostJson($"/api/v1/patents/{pooled}/end-of-force", Lapse())).ShouldBeProblem(403, "forbidden");
        Assert.Equal(("granted", "granted"), ((await Admin.GetPatent(pooled)).GetProperty("status").GetString(), (await Admin.GetPatent(unpooled)).GetProperty("status").GetString()));

        // The pool's center records the lapse of its pooled patent; the holder that of its own patent.
        Assert.Equal("lapsed", (await (await market.Client(pool.Administrator).PostJson($"/api/v1/patents/{pooled}/end-of-force", Lapse())).ShouldBe(200))
            .GetProperty("status").GetString());
        Assert.Equal("invalidated", (await (await market.Client(holder).PostJson($"/api/v1/patents/{unpooled}/end-of-force", new { status = "invalidated", date = day }))
            .ShouldBe(200)).GetProperty("status").GetString());
    }
}
