using System.Net;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Art. 444 end to end: a pledged patent joins a CNY pool only with its pledgee's consent, its share of the
/// 2030-Q1 royalties lands in <c>escrow:pledge:{number}</c>, and the financier applies it to the loan.
/// </summary>
public sealed class PledgeEscrowApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Pool_revenue_of_a_pledged_patent_lands_in_escrow_and_is_applied_to_interest_then_principal_once()
    {
        // Grace 200 days: the monthly interest left unpaid until the revenue arrives makes the loan overdue, not defaulted.
        var cast = await market.ApplyDeal(500_000_00, 3_000_000_00, graceDays: 200);
        await market.Activate(cast);
        var admin = market.Admin();
        var op = await admin.NewKey("operating_center", "operator");
        var opClient = market.Client(op);
        var poolId = (await (await opClient.PostJson("/api/v1/pools", PoolSteps.PoolBody(op.PartyId, currency: "CNY"))).ShouldBe(201)).GetProperty("id").GetString()!;
        await (await opClient.PostJson($"/api/v1/pools/{poolId}/rate-cards", PoolSteps.AvcCard(effectiveFrom: market.Clock.Today, currency: "CNY"))).ShouldBe(201);
        await (await opClient.PostJson($"/api/v1/pools/{poolId}/members", new { partyId = cast.Pledgor.PartyId })).ShouldBe(200);
        await (await market.Client(cast.Pledgor).PostJson($"/api/v1/pools/{poolId}/patents/{cast.Number}/agreement", new { })).ShouldBe(201);

        // The registered deal encumbers the patent: admission is refused until the financier consents to this pool.
        await (await opClient.PostJson($"/api/v1/pools/{poolId}/patents", new { number = cast.Number })).ShouldBeProblem(409, "pledgee_consent_required", "number");
        await (await market.Client(cast.Bank).PostJson($"/api/v1/patents/{cast.Number}/pledgee-consents", new { purpose = "pool_admission", counterpartyId = poolId })).ShouldBe(201);
        await (await opClient.PostJson($"/api/v1/pools/{poolId}/patents", new { number = cast.Number })).ShouldBe(201);

        var pool = new ClockedPool(poolId, op);
        var licensee = await admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);
        market.Clock.SetToday(new DateOnly(2030, 4, 2));
        // The licensee's royalty invoice for Q1, paid in full into the pool's collections (POST /invoices/{id}/payments).
        var invoice = await (await market.Client(licensee).Report(licenceId, "2030-Q1", 1_000_000)).ShouldBe(201);
        await (await admin.Pay(invoice.Id(), "BANK-PLG-ESC-1", invoice.Amount(), "CNY")).ShouldBe(201);
        market.Clock.SetToday(new DateOnly(2030, 4, 10));
        var distribution = await (await opClient.RunDistribution(pool, new DateOnly(2030, 1, 1), new DateOnly(2030, 4, 1))).ShouldBe(201);
        var line = distribution.Line(cast.Number, cast.Pledgor.PartyId);
        var escrow = LedgerAccounts.Escrow("pledge", cast.Number);
        Assert.Equal(escrow, line.GetProperty("paidTo").GetString());
        var share = line.GetProperty("share").Minor();
        Assert.True(share > 0);
        Assert.Equal(share, await market.Balance(escrow, "CNY"));

        // Two applications at once: the grain reads the escrow itself, one at a time, so only one draws it.
        var bank = market.Client(cast.Bank);
        // The daily reminder marks the deal overdue once the clock has passed an unpaid due date.
        await market.Grains.Tick<IPledgeDealGrain>(cast.Id, "pledge-daily");
        Assert.Equal("overdue", (await (await bank.GetAsync(cast.Url)).ShouldBe(200)).State());
        var before = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        var url = $"{cast.Url}/escrow-applications";
        var responses = await Task.WhenAll(bank.PostWithKey(url, new { }, "esc-a"), bank.PostWithKey(url, new { }, "esc-b"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity], responses.Select(r => r.StatusCode).Order());
        var loser = responses.Single(r => r.StatusCode != HttpStatusCode.OK);
        await loser.ShouldBeProblem(422, "escrow_empty", "patents");
        var winnerKey = responses[0].StatusCode == HttpStatusCode.OK ? "esc-a" : "esc-b";
        Assert.Equal(0, await market.Balance(escrow, "CNY"));

        // Interest first (all of it, now posted and earned), then principal; arrears cleared; a replay moves nothing.
        var applied = await (await bank.PostWithKey(url, new { }, winnerKey)).ShouldBe(200);
        var interest = await market.Balance(PledgeAccounts.InterestEarned(cast.Id), "CNY");
        Assert.True(interest > 0);
        Assert.Equal((0L, 500_000_00L - (share - interest)), (applied.Fen("interestDue"), applied.Fen("outstandingPrincipal")));
        Assert.Equal("active", (await (await bank.GetAsync(cast.Url)).ShouldBe(200)).State());
        Assert.Equal(-(500_000_00L - (share - interest)), await market.Balance(LedgerAccounts.LoanPrincipal(cast.Id), "CNY"));
        Assert.Equal(0, await market.Balance(escrow, "CNY"));
        await market.AssertTrialBalanceIsZero();
    }
}
