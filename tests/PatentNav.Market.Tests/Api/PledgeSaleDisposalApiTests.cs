using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Disposal through the transfer workflow, by sale (变卖) or auction (拍卖): recordation deposits the net proceeds in the pledge
/// escrow (art. 444), the second dispose call recovers them, the pledgee is paid first and the loss is shared exactly.
/// </summary>
public static class PledgeDisposal
{
    /// <summary>A 1 M loan on a 3 M invention, defaulted on 13 Feb 2030 (the 2 Feb interest unpaid, grace 10 days); returns it and what was owed.</summary>
    public static async Task<(PledgeCast Cast, long Owed)> Defaulted(ClockedMarket market)
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00, graceDays: 10);
        await market.Activate(cast);
        market.Clock.SetToday(new DateOnly(2030, 2, 13));
        var defaulted = await (await market.Client(cast.Bank).PostJson($"{cast.Url}/default", new { })).ShouldBe(200);
        Assert.Equal("defaulted", defaulted.State());
        return (cast, defaulted.Fen("outstandingPrincipal") + defaulted.Fen("interestDue"));
    }

    /// <summary>Consent, payment and recordation of the disposal's transfer; returns the net proceeds (price less the commission).</summary>
    public static async Task<long> CompleteSale(ClockedMarket market, PledgeCast cast, TransferCast buyers, string transferId, long price)
    {
        var op = market.Client(buyers.Operator);
        var transfer = await op.Transfer(transferId);
        Assert.Equal(("awaiting_consents", cast.Pledgor.PartyId, buyers.Buyer.PartyId, price),
            (transfer.Status(), transfer.GetProperty("sellerId").GetString(), transfer.GetProperty("buyerId").GetString(), transfer.GetProperty("price").Minor()));
        Assert.Equal([cast.Number], transfer.GetProperty("patents").Strings());
        Assert.Equal("awaiting_payment", (await (await market.Client(cast.Bank).Decide(transferId, "grant")).ShouldBe(200)).Status());
        Assert.Equal("awaiting_recordation", (await (await op.PayTransfer(transferId, $"BANK-{transferId}", price)).ShouldBe(200)).Status());
        Assert.Equal("completed", (await (await op.RecordNotice(transferId, $"CNIPA-{transferId[4..]}", market.Clock.Today)).ShouldBe(200)).Status());
        Assert.Equal([buyers.Buyer.PartyId], (await op.GetPatent(cast.Number)).GetProperty("ownerIds").Strings());
        var commissionBps = transfer.GetProperty("commissionBps").GetInt32();
        var proceeds = price - price * commissionBps / 10_000; // commission truncated
        // Art. 444: the proceeds are deposited in the pledge escrow, not paid to the pledgor.
        Assert.Equal(proceeds, await market.Balance(LedgerAccounts.Escrow("pledge", cast.Number), "CNY"));
        Assert.Equal(0, await market.Balance(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId), "CNY"));
        return proceeds;
    }

    /// <summary>The settled deal: recoveries = the proceeds, the loss shared exactly, the escrow and loan accounts empty, then closed.</summary>
    public static async Task AssertSettled(ClockedMarket market, PledgeCast cast, JsonElement settled, long owed, long proceeds, string transferId)
    {
        Assert.Equal("settled", settled.State());
        Assert.Equal(proceeds, settled.GetProperty("disposal").GetProperty("recoveries").GetInt64());
        var loss = settled.GetProperty("loss");
        Assert.Equal(owed - proceeds, loss.GetProperty("loss").GetInt64());
        Assert.Equal(loss.GetProperty("loss").GetInt64(), loss.GetProperty("fund").GetInt64() + loss.GetProperty("guarantor").GetInt64() + loss.GetProperty("bank").GetInt64());
        Assert.Equal(Math.Round((owed - proceeds) * 0.4m, MidpointRounding.ToEven), loss.GetProperty("fund").GetInt64()); // ≤ 5 M tier: 40 %
        var services = market.Factory.Services;
        Assert.Equal(0, await services.Balance(LedgerAccounts.Escrow("pledge", cast.Number)));
        Assert.Equal(0, await services.Balance(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId)));
        Assert.Equal(0, await services.Balance(TransferSteps.Escrow(transferId)));
        Assert.Equal(0, await services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        Assert.Equal(0, await services.Balance(LedgerAccounts.LoanInterest(cast.Id)));
        Assert.Equal(-loss.GetProperty("guarantor").GetInt64(), await services.Balance(PledgeAccounts.LossBorne(cast.Id, "guarantor")));
        Assert.Equal(-loss.GetProperty("bank").GetInt64(), await services.Balance(PledgeAccounts.LossBorne(cast.Id, "bank")));
        Assert.Equal("closed", (await (await market.Client(cast.Bank).Release(cast)).ShouldBe(200)).State());
        await services.AssertLedgerBalances();
    }
}

public sealed class PledgeSaleDisposalApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_defaulted_deal_sold_through_a_transfer_settles_from_the_net_proceeds_in_escrow_with_the_loss_shared_exactly()
    {
        var (cast, owed) = await PledgeDisposal.Defaulted(market);
        var bank = market.Client(cast.Bank);
        // The financier sells: a transfer opens with the pledgor as seller and the pledgee's consent outstanding.
        var buyers = await market.Admin().NewCast();
        const long price = 800_000_00;
        var disposing = await (await bank.Dispose(cast, new
        {
            method = "sale", buyerId = buyers.Buyer.PartyId, centerId = buyers.CenterId, price = new { amount = price, currency = "CNY" },
        })).ShouldBe(200);
        Assert.Equal(("disposing", "sale"), (disposing.State(), disposing.GetProperty("disposal").GetProperty("method").GetString()));
        var transferId = disposing.GetProperty("disposal").GetProperty("transferId").GetString()!;

        // Settling before the sale completes is refused; the deal stays disposing.
        await (await bank.Dispose(cast, new { method = "sale" })).ShouldBeProblem(409, "sale_not_completed");
        var proceeds = await PledgeDisposal.CompleteSale(market, cast, buyers, transferId, price);

        // The second sale call takes the net proceeds out of the escrow and settles.
        var settled = await (await bank.Dispose(cast, new { method = "sale" })).ShouldBe(200);
        await PledgeDisposal.AssertSettled(market, cast, settled, owed, proceeds, transferId);
    }
}

public sealed class PledgeAuctionDisposalApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_defaulted_deal_is_auctioned_to_the_winning_bidder_at_the_hammer_price_never_below_the_reserve_and_settles_like_a_sale()
    {
        var (cast, owed) = await PledgeDisposal.Defaulted(market);
        var bank = market.Client(cast.Bank);
        var bidders = await market.Admin().NewCast();
        object Auction(long hammer, string? house = "广州产权交易所") => new
        {
            method = "auction", buyerId = bidders.Buyer.PartyId, centerId = bidders.CenterId, price = new { amount = hammer, currency = "CNY" },
            auctionHouse = house, auctionReference = "GZ-PM-2030-0213", auctionDate = "2030-02-12",
            reservePrice = new { amount = 700_000_00L, currency = "CNY" },
        };

        await (await bank.Dispose(cast, Auction(699_999_99))).ShouldBeProblem(422, "below_reserve_price", "price.amount");
        await (await bank.Dispose(cast, Auction(750_000_00, house: null))).ShouldBeProblem(400, "required", "auctionHouse");
        Assert.Equal("defaulted", (await (await bank.GetAsync(cast.Url)).ShouldBe(200)).State()); // refusals change nothing

        const long hammer = 750_000_00;
        var disposing = await (await bank.Dispose(cast, Auction(hammer))).ShouldBe(200);
        var disposal = disposing.GetProperty("disposal");
        Assert.Equal(("disposing", "auction"), (disposing.State(), disposal.GetProperty("method").GetString()));
        var auction = disposal.GetProperty("auction");
        Assert.Equal(("广州产权交易所", "GZ-PM-2030-0213", "2030-02-12", 700_000_00L, hammer),
            (auction.GetProperty("house").GetString(), auction.GetProperty("reference").GetString(), auction.GetProperty("heldOn").GetString(),
             auction.GetProperty("reservePrice").GetInt64(), auction.GetProperty("hammerPrice").GetInt64()));
        var transferId = disposal.GetProperty("transferId").GetString()!;
        // A settlement by the other method is refused while the auction runs.
        await (await bank.Dispose(cast, new { method = "sale" })).ShouldBeProblem(409, "invalid_pledge_state");

        var proceeds = await PledgeDisposal.CompleteSale(market, cast, bidders, transferId, hammer);
        var settled = await (await bank.Dispose(cast, new { method = "auction" })).ShouldBe(200);
        await PledgeDisposal.AssertSettled(market, cast, settled, owed, proceeds, transferId);
    }
}
