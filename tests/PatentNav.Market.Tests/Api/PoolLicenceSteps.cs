using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>A pool set up through REST on the <see cref="ClockedMarket"/>, with its administrator's key.</summary>
public sealed record ClockedPool(string Id, IssuedKey Administrator)
{
    public string Licences => $"/api/v1/pools/{Id}/licences";
}

public static class PoolLicenceSteps
{
    /// <summary>
    /// A pool with the AVC-style card of <see cref="PoolSteps.AvcCard"/> in force from today: first 100 000
    /// units free, 0.20 USD to 5 M, 0.10 USD above, capped at 975 000 000 ¢, region R2 at half price,
    /// and <paramref name="complianceDiscountBps"/> off for compliant licensees.
    /// </summary>
    public static async Task<ClockedPool> NewPool(this ClockedMarket market, int complianceDiscountBps = 0)
    {
        var op = await market.Admin().NewKey("operating_center", "operator");
        var client = market.Client(op);
        var id = (await (await client.PostJson("/api/v1/pools", PoolSteps.PoolBody(op.PartyId))).ShouldBe(201)).GetProperty("id").GetString()!;
        var card = PoolSteps.AvcCard(effectiveFrom: market.Clock.Today);
        card["complianceDiscountBps"] = complianceDiscountBps;
        await (await client.PostJson($"/api/v1/pools/{id}/rate-cards", card)).ShouldBe(201);
        return new ClockedPool(id, op);
    }

    /// <summary>Acquires a licence for <paramref name="licensee"/> starting today; returns its id.</summary>
    public static async Task<string> Acquire(this ClockedMarket market, ClockedPool pool, IssuedKey licensee) =>
        (await (await market.Client(licensee).PostWithKey(pool.Licences, new { }, Guid.NewGuid().ToString())).ShouldBe(201)).GetProperty("id").GetString()!;

    public static long Amount(this JsonElement invoice) => invoice.GetProperty("amount").GetProperty("amount").GetInt64();

    public static bool Compliant(this JsonElement invoice) => invoice.GetProperty("report").GetProperty("compliant").GetBoolean();
}
