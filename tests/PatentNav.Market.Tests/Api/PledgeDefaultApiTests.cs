using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Arrears: renewal refused while overdue, default past grace, conversion (折价) with loss sharing.</summary>
public sealed class PledgeDefaultApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Overdue_refuses_renewal_and_past_grace_a_conversion_settles_with_the_loss_shared_exactly()
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00, graceDays: 10);
        await market.Activate(cast);
        var bank = market.Client(cast.Bank);
        market.Clock.SetToday(new DateOnly(2030, 2, 5)); // first interest (due 2 Feb) unpaid
        await (await bank.PostJson($"{cast.Url}/renew", new { newMaturity = "2032-01-02" })).ShouldBeProblem(422, "overdue");
        await (await bank.PostJson($"{cast.Url}/default", new { })).ShouldBeProblem(422, "no_event_of_default");

        market.Clock.SetToday(new DateOnly(2030, 2, 13)); // 11 days past due, grace 10
        var defaulted = await (await bank.PostJson($"{cast.Url}/default", new { })).ShouldBe(200);
        Assert.Equal("defaulted", defaulted.State());
        var owed = defaulted.Fen("outstandingPrincipal") + defaulted.Fen("interestDue");

        var settled = await (await bank.Dispose(cast, new { method = "conversion", amount = new { amount = 600_000_00L, currency = "CNY" } })).ShouldBe(200);
        Assert.Equal("settled", settled.State());
        var loss = settled.GetProperty("loss");
        Assert.Equal(owed - 600_000_00, loss.GetProperty("loss").GetInt64());
        Assert.Equal(loss.GetProperty("loss").GetInt64(), loss.GetProperty("fund").GetInt64() + loss.GetProperty("guarantor").GetInt64() + loss.GetProperty("bank").GetInt64());
        Assert.Equal(Math.Round((owed - 600_000_00) * 0.4m, MidpointRounding.ToEven), loss.GetProperty("fund").GetInt64()); // ≤ 5 M tier: 40 %
        Assert.Equal(0, await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        Assert.Equal(0, await market.Factory.Services.Balance(LedgerAccounts.LoanInterest(cast.Id)));
        Assert.Equal("closed", (await (await bank.Release(cast)).ShouldBe(200)).State());
        await market.Factory.Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task A_registered_deal_blocks_licences_pool_admission_and_transfers_without_the_pledgees_consent()
    {
        var cast = await market.ApplyDeal(500_000_00, 3_000_000_00);
        await market.Activate(cast);
        var patent = market.Grains.GetGrain<Grains.Patents.IPatentGrain>(cast.Number);
        var licence = new Grains.Licensing.LicenceGrant("lic_x", Grains.Licensing.LicenceKind.NonExclusive, cast.Bank.PartyId,
            new Grains.Licensing.LicenceScope(["CN"], [], new DateOnly(2030, 3, 1), null));
        Assert.Equal("pledgee_consent_required", (await Assert.ThrowsAsync<Grains.Common.DomainException>(() => patent.GrantLicence(licence))).Code);
        Assert.Equal("pledgee_consent_required", (await Assert.ThrowsAsync<Grains.Common.DomainException>(
            () => patent.JoinPool("pool_x", [cast.Pledgor.PartyId], new DateOnly(2030, 3, 1)))).Code);
        var cast2 = await market.Admin().NewCast();
        var transfer = await (await market.Client(cast.Pledgor).OpenTransfer(TransferSteps.TransferBody(cast2 with { Seller = cast.Pledgor }, [cast.Number]))).ShouldBe(201);
        Assert.Equal("awaiting_consents", transfer.Status());
        await (await market.Client(cast2.Operator).PayTransfer(transfer.TransferId(), "BANK-PLG-1")).ShouldBeProblem(409, "invalid_transfer_state");
    }
}
