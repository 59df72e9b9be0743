using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>A pool payable, made the way payables of a center's pools arise: a quarter collected and distributed.</summary>
public static class PayoutSteps
{
    /// <summary>
    /// A new pool of <paramref name="center"/> (USD, 15 % fee) with <paramref name="licensor"/> as its only member holding one
    /// patent, a new licensee's report of <paramref name="units"/> for the quarter of today, paid, and the quarter distributed
    /// a few days after it ended (the clock moves there): the licensor's payable holds the whole distributable amount,
    /// which is returned with the pool's id.
    /// </summary>
    public static async Task<(string PoolId, long Share)> PoolPayable(this ClockedMarket market, IssuedKey center, IssuedKey licensor, long units = 1_000_000)
    {
        var admin = market.Admin();
        var op = market.Client(center);
        var poolId = (await (await op.PostJson("/api/v1/pools", PoolSteps.PoolBody(center.PartyId))).ShouldBe(201)).Id();
        var pool = new ClockedPool(poolId, center);
        await (await op.PostJson($"/api/v1/pools/{poolId}/rate-cards", PoolSteps.AvcCard(effectiveFrom: market.Clock.Today))).ShouldBe(201);
        await (await op.PostJson($"/api/v1/pools/{poolId}/members", new { partyId = licensor.PartyId })).ShouldBe(200);
        var number = await admin.NewPatent(licensor.PartyId);
        await admin.AddValuation(number, 1_000_000, "2029-12-01");
        await (await market.Client(licensor).PostJson($"/api/v1/pools/{poolId}/patents/{number}/agreement", new { })).ShouldBe(201);
        await (await op.PostJson($"/api/v1/pools/{poolId}/patents", new { number })).ShouldBe(201);

        var licensee = await admin.NewKey("company", "licensee");
        var quarter = LicenceSteps.Quarter(market.Clock.Today);
        await market.ReportAndPay(await market.Acquire(pool, licensee), licensee, quarter.ToString(), units);
        market.Clock.SetToday(quarter.LastDay.AddDays(5));
        var run = await (await op.RunDistribution(pool, quarter.FirstDay, quarter.LastDay.AddDays(1))).ShouldBe(201);
        return (poolId, run.Line(number, licensor.PartyId).GetProperty("share").Minor());
    }
}
