using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>§8 end to end on PostgreSQL: application to release with the worked interest number, and the portfolio.</summary>
public sealed class PledgeDealApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task One_million_at_435_bps_for_31_days_accrues_374583_fen_paid_interest_first_then_released_and_the_ledger_balances()
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        var active = await market.Activate(cast);
        Assert.Equal(("active", 1_000_000_00L), (active.State(), active.Fen("outstandingPrincipal")));
        Assert.Equal(-1_000_000_00, await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        Assert.Equal("2030-02-02", active.GetProperty("nextDueDate").GetString());

        market.Clock.SetToday(new DateOnly(2030, 2, 2)); // 31 days, ACT/360: 100 000 000 × 435 × 31 / 3 600 000 = 374 583.33
        var bank = market.Client(cast.Bank);
        var seen = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(374_583, seen.Fen("interestDue") + seen.Fen("accruedInterest"));

        var paid = await (await bank.Repay(cast, 374_583 + 10_000_00, "rep-1")).ShouldBe(200);
        await (await bank.Repay(cast, 374_583 + 10_000_00, "rep-1")).ShouldBe(200); // replay moves nothing
        Assert.Equal((990_000_00L, 0L), (paid.Fen("outstandingPrincipal"), paid.Fen("interestDue")));
        Assert.Equal(374_583, await market.Factory.Services.Balance(PledgeAccounts.InterestEarned(cast.Id)));
        Assert.Equal(0, await market.Factory.Services.Balance(LedgerAccounts.LoanInterest(cast.Id)));

        await (await bank.Repay(cast, 990_000_01, "too-much")).ShouldBeProblem(422, "overpayment", "amount.amount");
        var repaid = await (await bank.Repay(cast, 990_000_00)).ShouldBe(200); // same day: no further interest
        Assert.Equal("repaid", repaid.State());
        Assert.Equal(cast.Bank.PartyId, (await market.Admin().GetPatent(cast.Number)).GetProperty("pledgeeId").GetString());
        Assert.Equal("released", (await (await bank.Release(cast)).ShouldBe(200)).State());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await market.Admin().GetPatent(cast.Number)).GetProperty("pledgeeId").ValueKind);
        Assert.Equal(0, await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        await market.Factory.Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task Approval_is_refused_above_the_ltv_cap_and_the_deal_stays_appraised()
    {
        var cast = await market.ApplyDeal(1_500_000_01, 3_000_000_00); // cap 50 % of 3 M = 1.5 M
        var bank = market.Client(cast.Bank);
        await (await bank.PostJson($"{cast.Url}/appraise", new { })).ShouldBe(200);
        await (await bank.PostJson($"{cast.Url}/approve", new { })).ShouldBeProblem(422, "ltv_exceeded", "principal");
        Assert.Equal("appraised", (await (await bank.GetAsync(cast.Url)).ShouldBe(200)).State());
        await (await bank.PostWithKey($"{cast.Url}/disburse", new { }, "d-1")).ShouldBeProblem(409, "invalid_pledge_state");
    }

    [Fact]
    public async Task The_portfolio_lists_the_financiers_deals_as_json_and_csv_and_no_one_elses()
    {
        var cast = await market.ApplyDeal(500_000_00, 3_000_000_00);
        await market.Activate(cast);
        var bank = market.Client(cast.Bank);
        var json = await (await bank.GetAsync($"/api/v1/financiers/{cast.Bank.PartyId}/portfolio?sort=-ltvBps")).ShouldBe(200);
        var row = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal((cast.Id, 500_000_00L, 3_000_000_00L), (row.GetProperty("id").GetString(), row.GetProperty("outstandingPrincipal").GetInt64(), row.GetProperty("collateralValue").GetInt64()));
        Assert.Equal(60_000, row.GetProperty("coverageBps").GetInt64()); // 3 M / 0.5 M
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/financiers/{cast.Bank.PartyId}/portfolio");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await bank.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.StartsWith("id,status,", csv);
        Assert.Contains($"{cast.Id},active,{cast.Pledgor.PartyId},CNY,50000000,", csv);
        var other = await market.Admin().NewKey("bank", "financier");
        await (await market.Client(other).GetAsync($"/api/v1/financiers/{cast.Bank.PartyId}/portfolio")).ShouldBeProblem(403, "forbidden");
        await (await bank.GetAsync($"/api/v1/financiers/{cast.Bank.PartyId}/portfolio?sort=nope")).ShouldBeProblem(400, "invalid_sort", "sort");
    }
}
