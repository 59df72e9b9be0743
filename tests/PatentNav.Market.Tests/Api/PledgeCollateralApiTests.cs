using System.Text.Json;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>A margin call cured by more collateral (§8): another patent of the pledgor, freshly valued, pledged to the deal.</summary>
public sealed class PledgeCollateralApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_margin_call_is_cured_by_pledging_another_currently_valued_patent_of_the_pledgor()
    {
        var cast = await PledgeMarginCall.Called(market); // 1 M on collateral now worth 1.5 M: LTV 66.67 % > 55 %
        var admin = market.Admin();
        var bank = market.Client(cast.Bank);
        var url = $"{cast.Url}/collateral";

        // Refusals change nothing: no valuation, someone else's patent, a stale valuation, a malformed registration number.
        var unvalued = await admin.NewPatent(cast.Pledgor.PartyId);
        await (await bank.PostJson(url, new { number = unvalued, registrationNumber = "Y2030980000200" })).ShouldBeProblem(422, "no_valuation", "number");
        var stranger = await admin.NewParty();
        var notHis = await admin.NewPatent(stranger);
        await admin.AddValuation(notHis, 1_000_000_00, "2030-01-02");
        await (await bank.PostJson(url, new { number = notHis, registrationNumber = "Y2030980000201" })).ShouldBeProblem(422, "not_owner", "number");
        var stale = await admin.NewPatent(cast.Pledgor.PartyId);
        await admin.AddValuation(stale, 1_000_000_00, "2028-12-01");
        await (await bank.PostJson(url, new { number = stale, registrationNumber = "Y2030980000202" })).ShouldBeProblem(422, "stale_valuation", "number");
        var second = await admin.NewPatent(cast.Pledgor.PartyId);
        await admin.AddValuation(second, 1_000_000_00, "2030-01-02");
        await (await bank.PostJson(url, new { number = second, registrationNumber = "x" })).ShouldBeProblem(400, "invalid_registration_number", "registrationNumber");
        await (await market.Client(cast.Pledgor).PostJson(url, new { number = second, registrationNumber = "Y2030980000203" })).ShouldBeProblem(403, "forbidden");
        var still = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal((1, 1_500_000_00L), (still.GetProperty("patents").GetArrayLength(), still.Fen("collateralValue")));
        Assert.Equal(JsonValueKind.Null, (await admin.GetPatent(second)).GetProperty("pledgeeId").ValueKind);

        // 1 M more of collateral: 1 M / 2.5 M = 40 % ≤ 55 %, the call is cured today and the new patent is encumbered.
        var cured = await (await bank.PostJson(url, new { number = second, registrationNumber = "Y2030980000203" })).ShouldBe(200);
        Assert.Equal((2, 2_500_000_00L, 4_000L), (cured.GetProperty("patents").GetArrayLength(), cured.Fen("collateralValue"), cured.GetProperty("ltvBps").GetInt64()));
        Assert.Equal("2030-01-02", cured.GetProperty("marginCalls")[0].GetProperty("curedOn").GetString());
        Assert.Equal("Y2030980000203", cured.GetProperty("patents")[1].GetProperty("registrationNumber").GetString());
        Assert.Equal(cast.Bank.PartyId, (await admin.GetPatent(second)).GetProperty("pledgeeId").GetString());
        Assert.Contains(cured.GetProperty("history").EnumerateArray(), e => e.GetProperty("action").GetString() == "collateral_added");
        // The same patent again is a repeat; no new line.
        Assert.Equal(2, (await (await bank.PostJson(url, new { number = second, registrationNumber = "Y2030980000203" })).ShouldBe(200)).GetProperty("patents").GetArrayLength());

        // Past the cure date the daily check finds nothing to default on.
        market.Clock.SetToday(new DateOnly(2030, 1, 13));
        await market.Grains.Tick<IPledgeDealGrain>(cast.Id, "pledge-daily");
        Assert.Equal("active", (await (await bank.GetAsync(cast.Url)).ShouldBe(200)).State());
        await market.Factory.Services.AssertLedgerBalances();
    }
}
