using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>A CNY pool with the categories <c>lens</c> and <c>sensor</c>, each at a flat rate, and licences in it.</summary>
public static class CategoryPoolSteps
{
    public static async Task<ClockedPool> LensAndSensorPool(this ClockedMarket market, string ratePerUnit = "0.5")
    {
        var op = await market.Admin().NewKey("operating_center", "operator");
        var client = market.Client(op);
        var id = (await (await client.PostJson("/api/v1/pools", PoolSteps.PoolBody(op.PartyId, currency: "CNY", categories: ["lens", "sensor"]))).ShouldBe(201)).Id();
        object Flat(string code) => new { code, tiers = new object[] { new { upTo = (long?)null, ratePerUnit } } };
        var card = new { version = 1, currency = "CNY", effectiveFrom = market.Clock.Today.Iso(), categories = new[] { Flat("lens"), Flat("sensor") } };
        await (await client.PostJson($"/api/v1/pools/{id}/rate-cards", card)).ShouldBe(201);
        return new ClockedPool(id, op);
    }

    /// <summary>A fresh licensee with a licence in <paramref name="pool"/> from today.</summary>
    public static async Task<(IssuedKey Licensee, string LicenceId)> NewLicensee(this ClockedMarket market, ClockedPool pool)
    {
        var licensee = await market.Admin().NewKey("company", "licensee");
        return (licensee, await market.Acquire(pool, licensee));
    }

    public static async Task<JsonElement> Quote(this ClockedMarket market, ClockedPool pool, string category, string region, long units) =>
        await (await market.ClientWith(null).GetAsync($"/api/v1/pools/{pool.Id}/quote?category={category}&region={region}&units={units}")).ShouldBe(200);
}
