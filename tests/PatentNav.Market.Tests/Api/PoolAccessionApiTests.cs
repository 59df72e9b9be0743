using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>§7: after a transfer whose buyer accedes to the pool, the pool's record of the patent names the buyer.</summary>
public sealed class PoolAccessionApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task The_pool_records_the_acceding_buyer_as_the_patents_holder_from_the_notice_date()
    {
        var admin = market.Admin();
        var pool = await market.NewPool();
        var op = market.Client(pool.Administrator);
        var (seller, number) = await market.MemberWithPatent(pool, 1_000_000);
        var (other, otherNumber) = await market.MemberWithPatent(pool, 1_000_000);
        var buyer = await admin.NewKey("company", "licensee");
        var cast = new TransferCast(pool.Administrator, seller, buyer);

        market.Clock.SetToday(new DateOnly(2030, 2, 10));
        // The seller opens the transfer (docs/TENANCY.md); the center pays and records it.
        var id = (await (await market.Client(seller).OpenTransfer(TransferSteps.TransferBody(cast, [number], poolOption: "accede"))).ShouldBe(201)).TransferId();
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        market.Clock.SetToday(new DateOnly(2030, 2, 20));
        await (await op.RecordNotice(id, $"ZLBG-{id[4..]}", new DateOnly(2030, 2, 15))).ShouldBe(200);

        var view = await (await market.ClientWith(null).GetAsync($"/api/v1/pools/{pool.Id}")).ShouldBe(200);
        var record = view.GetProperty("patents").EnumerateArray().Single(p => p.GetProperty("number").GetString() == number);
        Assert.Equal((buyer.PartyId, "2030-02-15"), (record.GetProperty("ownerMemberId").GetString(), record.GetProperty("holderSince").GetString()));
        Assert.Contains(view.GetProperty("members").EnumerateArray(), m => m.GetProperty("partyId").GetString() == buyer.PartyId);
        // The other patent's record is untouched; the patent's own owner history (what distributions use) is dated.
        var untouched = view.GetProperty("patents").EnumerateArray().Single(p => p.GetProperty("number").GetString() == otherNumber);
        Assert.Equal(other.PartyId, untouched.GetProperty("ownerMemberId").GetString());
        var history = (await admin.GetPatent(number)).GetProperty("ownerHistory").EnumerateArray().ToList();
        Assert.Equal(("2030-02-15", buyer.PartyId), (history[^1].GetProperty("from").GetString(), history[^1].GetProperty("ownerIds")[0].GetString()));
        Assert.Equal(seller.PartyId, history[^2].GetProperty("ownerIds")[0].GetString());
    }
}
