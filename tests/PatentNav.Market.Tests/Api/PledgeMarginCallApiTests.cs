using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Coverage monitoring (§8) through REST: 1 M lent on an invention valued 3 M (cap 50 %, buffer 5 %, cure 10 days).
/// A revaluation to 1.5 M puts LTV at 66.67 % &gt; 55 %: a margin call. Each case has its own market (its own clock).
/// </summary>
public static class PledgeMarginCall
{
    /// <summary>Activates the deal on 2 Jan 2030, values the patent down to 1.5 M that day and revalues: one open call.</summary>
    public static async Task<PledgeCast> Called(ClockedMarket market)
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await market.Activate(cast);
        await market.Admin().AddValuation(cast.Number, 1_500_000_00, "2030-01-02");
        var revalued = await (await market.Client(cast.Bank).PostJson($"{cast.Url}/revalue", new { })).ShouldBe(200);
        var call = Assert.Single(revalued.GetProperty("marginCalls").EnumerateArray());
        Assert.Equal(("2030-01-02", "2030-01-12"), (call.GetProperty("raisedOn").GetString(), call.GetProperty("cureBy").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, call.GetProperty("curedOn").ValueKind);
        Assert.Equal(6_666, revalued.GetProperty("ltvBps").GetInt64());
        return cast;
    }
}

public sealed class PledgeMarginCallCuredApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_margin_call_raised_by_a_revaluation_shows_in_the_portfolio_and_a_repayment_under_cap_plus_buffer_cures_it()
    {
        var cast = await PledgeMarginCall.Called(market);
        var bank = market.Client(cast.Bank);
        var seen = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal("2030-01-12", Assert.Single(seen.GetProperty("marginCalls").EnumerateArray()).GetProperty("cureBy").GetString());
        Assert.Equal(1, (await market.PortfolioRow(cast)).GetProperty("openMarginCalls").GetInt32());

        // 150 000 leaves 850 000 / 1.5 M = 56.67 %: still above 55 %, the call stays open.
        var partial = await (await bank.Repay(cast, 150_000_00)).ShouldBe(200);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, partial.GetProperty("marginCalls")[0].GetProperty("curedOn").ValueKind);
        // 50 000 more (same day, no interest): 800 000 / 1.5 M = 53.33 % ≤ 55 %, cured.
        var cured = await (await bank.Repay(cast, 50_000_00)).ShouldBe(200);
        Assert.Equal(("active", "2030-01-02"), (cured.State(), cured.GetProperty("marginCalls")[0].GetProperty("curedOn").GetString()));
        Assert.Equal(0, (await market.PortfolioRow(cast)).GetProperty("openMarginCalls").GetInt32());
        await market.Factory.Services.AssertLedgerBalances();
    }
}

public sealed class PledgeMarginCallDefaultApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_margin_call_not_cured_by_its_deadline_is_an_event_of_default_on_the_daily_reminder()
    {
        var cast = await PledgeMarginCall.Called(market);
        var bank = market.Client(cast.Bank);
        market.Clock.SetToday(new DateOnly(2030, 1, 12)); // the last day to cure: still active
        await (await bank.PostJson($"{cast.Url}/default", new { })).ShouldBeProblem(422, "no_event_of_default");

        market.Clock.SetToday(new DateOnly(2030, 1, 13)); // no GET or POST catches up: the daily reminder does
        await market.Grains.Tick<IPledgeDealGrain>(cast.Id, "pledge-daily");
        Assert.Equal("defaulted", (await (await bank.GetAsync(cast.Url)).ShouldBe(200)).State());
        var defaulted = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.True(defaulted.GetProperty("marginCalls")[0].GetProperty("defaulted").GetBoolean());
        var row = await market.PortfolioRow(cast);
        Assert.Equal(("defaulted", 0), (row.GetProperty("status").GetString(), row.GetProperty("openMarginCalls").GetInt32()));
        await market.Factory.Services.AssertLedgerBalances();
    }
}

/// <summary>Renewal (续贷) that succeeds: nothing overdue, a fresh valuation, LTV within the cap → a new maturity.</summary>
public sealed class PledgeRenewalApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_renewal_on_a_fresh_valuation_with_nothing_overdue_sets_the_new_maturity()
    {
        var cast = await market.ApplyDeal(500_000_00, 3_000_000_00);
        var active = await market.Activate(cast);
        Assert.Equal("2031-01-02", active.GetProperty("maturity").GetString());
        market.Clock.SetToday(new DateOnly(2030, 1, 20)); // before the first due date: nothing overdue
        await market.Admin().AddValuation(cast.Number, 3_200_000_00, "2030-01-20");
        var bank = market.Client(cast.Bank);
        await (await bank.PostJson($"{cast.Url}/renew", new { newMaturity = "2030-12-01" })).ShouldBeProblem(400, "invalid_maturity", "newMaturity");

        var renewed = await (await bank.PostJson($"{cast.Url}/renew", new { newMaturity = "2031-07-20" })).ShouldBe(200);
        Assert.Equal(("active", "2031-07-20"), (renewed.State(), renewed.GetProperty("maturity").GetString()));
        Assert.Equal(3_200_000_00L, renewed.Fen("collateralValue")); // the fresh valuation is now the collateral
        Assert.Equal(500_000_00L, renewed.Fen("outstandingPrincipal"));
        Assert.Contains(renewed.GetProperty("history").EnumerateArray(), e => e.GetProperty("action").GetString() == "renewed");
        Assert.Equal("2031-07-20", (await (await bank.GetAsync(cast.Url)).ShouldBe(200)).GetProperty("maturity").GetString());
    }
}
