using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Disposal by sale (拍卖/变卖) through the transfer workflow: the net proceeds pay the pledgee first, the loss is shared exactly.</summary>
public sealed class PledgeSaleDisposalApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_defaulted_deal_sold_through_a_transfer_settles_from_the_net_proceeds_with_the_loss_shared_exactly()
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00, graceDays: 10);
        await market.Activate(cast);
        var bank = market.Client(cast.Bank);
        market.Clock.SetToday(new DateOnly(2030, 2, 13)); // first interest (due 2 Feb) unpaid, 11 days past due, grace 10
        var defaulted = await (await bank.PostJson($"{cast.Url}/default", new { })).ShouldBe(200);
        Assert.Equal("defaulted", defaulted.State());
        var owed = defaulted.Fen("outstandingPrincipal") + defaulted.Fen("interestDue");

        // The financier sells: a transfer opens with the pledgor as seller and the pledgee's consent outstanding.
        var buyers = await market.Admin().NewCast();
        const long price = 800_000_00;
        var disposing = await (await bank.PostJson($"{cast.Url}/dispose", new
        {
            method = "sale", buyerId = buyers.Buyer.PartyId, centerId = buyers.CenterId, price = new { amount = price, currency = "CNY" },
        })).ShouldBe(200);
        Assert.Equal("disposing", disposing.State());
        var transferId = disposing.GetProperty("disposal").GetProperty("transferId").GetString()!;
        var op = market.Client(buyers.Operator);
        var transfer = await op.Transfer(transferId);
        Assert.Equal("awaiting_consents", transfer.Status());
        Assert.Equal(cast.Pledgor.PartyId, transfer.GetProperty("sellerId").GetString());
        Assert.Equal(buyers.Buyer.PartyId, transfer.GetProperty("buyerId").GetString());
        Assert.Equal([cast.Number], transfer.GetProperty("patents").Strings());

        // Settling before the sale completes is refused; the deal stays disposing.
        await (await bank.PostJson($"{cast.Url}/dispose", new { method = "sale" })).ShouldBeProblem(409, "sale_not_completed");

        Assert.Equal("awaiting_payment", (await (await bank.Decide(transferId, "grant")).ShouldBe(200)).Status());
        Assert.Equal("awaiting_recordation", (await (await op.PayTransfer(transferId, "BANK-PLG-SALE-1", price)).ShouldBe(200)).Status());
        Assert.Equal("completed", (await (await op.RecordNotice(transferId, "CNIPA-PLG-SALE-1", market.Clock.Today)).ShouldBe(200)).Status());
        var patent = await (await op.GetAsync($"/api/v1/patents/{cast.Number}")).ShouldBe(200);
        Assert.Equal([buyers.Buyer.PartyId], patent.GetProperty("ownerIds").Strings());

        var commissionBps = transfer.GetProperty("commissionBps").GetInt32();
        var proceeds = price - price * commissionBps / 10_000; // commission truncated
        Assert.Equal(proceeds, await market.Factory.Services.Balance(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId)));

        // The second sale call takes the net proceeds out of the pledgor's payable and settles.
        var settled = await (await bank.PostJson($"{cast.Url}/dispose", new { method = "sale" })).ShouldBe(200);
        Assert.Equal("settled", settled.State());
        Assert.Equal(proceeds, settled.GetProperty("disposal").GetProperty("recoveries").GetInt64());
        var loss = settled.GetProperty("loss");
        Assert.Equal(owed - proceeds, loss.GetProperty("loss").GetInt64());
        Assert.Equal(loss.GetProperty("loss").GetInt64(), loss.GetProperty("fund").GetInt64() + loss.GetProperty("guarantor").GetInt64() + loss.GetProperty("bank").GetInt64());
        Assert.Equal(Math.Round((owed - proceeds) * 0.4m, MidpointRounding.ToEven), loss.GetProperty("fund").GetInt64()); // ≤ 5 M tier: 40 %
        Assert.Equal(0, await market.Factory.Services.Balance(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId)));
        Assert.Equal(0, await market.Factory.Services.Balance(TransferSteps.Escrow(transferId)));
        Assert.Equal(0, await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        Assert.Equal(0, await market.Factory.Services.Balance(LedgerAccounts.LoanInterest(cast.Id)));
        Assert.Equal(-loss.GetProperty("guarantor").GetInt64(), await market.Factory.Services.Balance(PledgeAccounts.LossBorne(cast.Id, "guarantor")));
        Assert.Equal(-loss.GetProperty("bank").GetInt64(), await market.Factory.Services.Balance(PledgeAccounts.LossBorne(cast.Id, "bank")));

        Assert.Equal("closed", (await (await bank.PostJson($"{cast.Url}/release", new { })).ShouldBe(200)).State());
        await market.Factory.Services.AssertLedgerBalances();
    }
}
