using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Refused distributions move nothing and store nothing: the cash stays put and the period can run later.</summary>
public sealed class DistributionRefusalsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static readonly DateOnly Q1 = new(2030, 1, 1), Q2 = new(2030, 4, 1), Q3 = new(2030, 7, 1);

    [Fact]
    public async Task No_weight_and_nothing_collected_are_refused_and_a_later_run_distributes_the_cash_kept()
    {
        var admin = market.Admin();
        var pool = await market.NewPool();
        var op = market.Client(pool.Administrator);
        var owner = await admin.NewKey("company", "licensor");
        var number = await admin.NewPatent(owner.PartyId); // not valued yet
        await (await op.PostJson($"/api/v1/pools/{pool.Id}/members", new { partyId = owner.PartyId })).ShouldBe(200);
        await (await market.Client(owner).PostJson($"/api/v1/pools/{pool.Id}/patents/{number}/agreement", new { })).ShouldBe(201);
        await (await op.PostJson($"/api/v1/pools/{pool.Id}/patents", new { number })).ShouldBe(201);
        var licensee = await admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);

        market.Clock.SetToday(new DateOnly(2030, 4, 2));
        var collected = await market.ReportAndPay(licenceId, licensee, "2030-Q1", 150_000); // 50 000 × 20 ¢ = 1 000 000
        var collections = LedgerAccounts.PoolCollections(pool.Id, "2030-Q1");

        await (await op.RunDistribution(pool, Q1, Q2)).ShouldBeProblem(422, "no_weight");
        Assert.Equal(collected, await market.Balance(collections));
        await (await op.GetAsync($"{pool.Distributions()}/2030-01-01_2030-04-01")).ShouldBeProblem(404, "distribution_not_found");

        market.Clock.SetToday(new DateOnly(2030, 7, 2));
        await (await op.RunDistribution(pool, Q2, Q3)).ShouldBeProblem(422, "nothing_collected");

        // An appraisal effective from 1 February gives the patent 59 value-days of Q1; it takes the whole D.
        await admin.AddValuation(number, 500_000, "2030-02-01");
        var run = await (await op.RunDistribution(pool, Q1, Q2)).ShouldBe(201);
        Assert.Equal((1_000_000L, 150_000L, 850_000L), (run.GetProperty("collected").Minor(), run.GetProperty("adminFee").Minor(), run.GetProperty("distributable").Minor()));
        var line = run.Line(number, owner.PartyId);
        Assert.Equal((89, "29500000", 850_000L), (line.GetProperty("days").GetInt32(), line.GetProperty("weight").GetString(), line.GetProperty("share").Minor()));
        Assert.Equal(0, await market.Balance(collections));
        Assert.Equal(850_000, await market.Balance(owner.Payable()));
        await market.AssertTrialBalanceIsZero();
    }
}
