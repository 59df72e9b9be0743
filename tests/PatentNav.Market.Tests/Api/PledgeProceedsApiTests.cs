using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Civil Code art. 444 through REST on PostgreSQL (§8): what a pledged patent earns — a bilateral licence's royalties, the
/// price of a sale the pledgee consented to — is deposited in <c>escrow:pledge:{number}</c>, the financier applies it to the
/// loan, and what is left there when the pledge ends goes back to the pledgor. Only a bank may be the financier.
/// All on the deal's disbursement day (no clock moves), so no interest accrues.
/// </summary>
public sealed class PledgeProceedsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    /// <summary>An active 1 M loan whose patent is licensed (with the pledgee's consent) and earns a 150 000 fen invoice, paid.</summary>
    private async Task<PledgeCast> LicensedAndPaid(string reference)
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await market.Activate(cast);
        var admin = market.Admin();
        var licensee = await admin.NewKey("company", "licensee");
        await market.Consent(cast, "licence", licensee.PartyId);
        var licence = await (await market.Client(cast.Pledgor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licensee.PartyId, [cast.Number], start: new DateOnly(2030, 1, 1), ratePerUnit: "20"))).ShouldBe(201);
        // 7 500 units at 0.20 CNY = 150 000 fen.
        var invoice = await (await market.Client(licensee).Report(licence.Id(), "2030-Q1", 7_500)).ShouldBe(201);
        Assert.Equal(150_000, invoice.Amount());
        await (await admin.Pay(invoice.Id(), reference, 150_000, "CNY")).ShouldBe(201);
        return cast;
    }

    [Fact]
    public async Task A_pledged_patents_licence_royalties_go_to_the_pledge_escrow_not_the_pledgor_and_are_applied_to_the_loan()
    {
        var cast = await LicensedAndPaid("BANK-PLG-LIC-1");
        var escrow = LedgerAccounts.Escrow("pledge", cast.Number);
        Assert.Equal(150_000, await market.Balance(escrow, "CNY"));
        Assert.Equal(0, await market.Balance(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId), "CNY"));

        var applied = await (await market.Client(cast.Bank).PostWithKey($"{cast.Url}/escrow-applications", new { }, Guid.NewGuid().ToString())).ShouldBe(200);
        Assert.Equal(1_000_000_00 - 150_000, applied.Fen("outstandingPrincipal"));
        Assert.Equal(0, await market.Balance(escrow, "CNY"));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task Money_left_in_the_pledge_escrow_is_returned_to_the_pledgor_when_the_pledge_is_released_once()
    {
        var cast = await LicensedAndPaid("BANK-PLG-LIC-2");
        var bank = market.Client(cast.Bank);
        Assert.Equal("repaid", (await (await bank.Repay(cast, 1_000_000_00)).ShouldBe(200)).State());
        Assert.Equal(150_000, await market.Balance(LedgerAccounts.Escrow("pledge", cast.Number), "CNY"));

        var released = await (await bank.Release(cast, "rel-1")).ShouldBe(200);
        Assert.Equal("released", released.State());
        await (await bank.Release(cast, "rel-1")).ShouldBe(200); // the replay moves nothing
        Assert.Equal(0, await market.Balance(LedgerAccounts.Escrow("pledge", cast.Number), "CNY"));
        Assert.Equal(150_000, await market.Balance(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId), "CNY"));
        Assert.Contains($"pledge:{cast.Id}:escrow-return:{cast.Number}:CNY", await market.Factory.Services.Postings(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId)));
        await (await bank.PostJson($"{cast.Url}/release", new { })).ShouldBeProblem(400, "idempotency_key_required", "Idempotency-Key");
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task The_price_of_a_pledged_patent_sold_with_the_banks_consent_is_deposited_the_buyer_takes_it_unpledged_and_the_loan_is_repaid_from_it()
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await market.Activate(cast);
        var buyers = await market.Admin().NewCast();
        const long price = 5_000_000;
        var opened = await (await market.Client(cast.Pledgor).OpenTransfer(TransferSteps.TransferBody(buyers with { Seller = cast.Pledgor }, [cast.Number], price))).ShouldBe(201);
        var id = opened.TransferId();
        Assert.Equal("awaiting_consents", opened.Status());
        Assert.Equal("awaiting_payment", (await (await market.Client(cast.Bank).Decide(id, "grant")).ShouldBe(200)).Status());
        var op = market.Client(buyers.Operator);
        await (await op.PayTransfer(id, "BANK-PLG-SALE-V1", price)).ShouldBe(200);
        var completed = await (await op.RecordNotice(id, "CNIPA-PLG-SALE-V1", market.Clock.Today)).ShouldBe(200);

        Assert.Equal("completed", completed.Status());
        var proceeds = price - price * opened.GetProperty("commissionBps").GetInt32() / 10_000; // 4 950 000 at the default 1 %
        Assert.Equal(4_950_000, proceeds);
        var escrow = LedgerAccounts.Escrow("pledge", cast.Number);
        Assert.Equal(proceeds, await market.Balance(escrow, "CNY"));
        Assert.Equal(0, await market.Balance(LedgerAccounts.LicensorPayable(cast.Pledgor.PartyId), "CNY"));
        var pledge = Assert.Single(completed.GetProperty("completion").GetProperty("releasedPledges").EnumerateArray());
        Assert.Equal((cast.Number, cast.Bank.PartyId, escrow, proceeds),
            (pledge.GetProperty("patentNumber").GetString(), pledge.GetProperty("pledgeeId").GetString(), pledge.GetProperty("escrow").GetString(), pledge.GetProperty("deposited").Minor()));
        // The pledge passed to the money: the buyer's patent carries none, and the deal no longer counts the patent as collateral.
        var patent = await market.Admin().GetPatent(cast.Number);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patent.GetProperty("pledgeeId").ValueKind);
        Assert.Equal([buyers.Buyer.PartyId], patent.GetProperty("ownerIds").Strings());
        var bank = market.Client(cast.Bank);
        var revalued = await (await bank.PostJson($"{cast.Url}/revalue", new { })).ShouldBe(200);
        Assert.Equal((0L, 1), (revalued.Fen("collateralValue"), revalued.GetProperty("marginCalls").GetArrayLength()));

        var applied = await (await bank.PostWithKey($"{cast.Url}/escrow-applications", new { }, Guid.NewGuid().ToString())).ShouldBe(200);
        Assert.Equal(1_000_000_00 - proceeds, applied.Fen("outstandingPrincipal"));
        Assert.Equal(0, await market.Balance(escrow, "CNY"));
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_party_that_is_not_a_bank_is_refused_as_financier_and_nothing_is_created()
    {
        var admin = market.Admin();
        var pledgor = await admin.NewKey("company", "licensor");
        var number = await admin.NewPatent(pledgor.PartyId);
        await admin.AddValuation(number, 3_000_000_00, "2029-12-01");
        foreach (var kind in new[] { "company", "fund", "guarantor" })
        {
            var lender = await admin.NewKey(kind, "financier");
            var key = Guid.NewGuid().ToString();
            var body = new
            {
                pledgorId = pledgor.PartyId, financierId = lender.PartyId, patents = new[] { number },
                principal = new { amount = 1_000_000_00L, currency = "CNY" },
                product = new { annualRateBps = 435, termMonths = 12 },
            };
            await (await market.Client(pledgor).PostWithKey("/api/v1/pledges", body, key)).ShouldBeProblem(422, "not_a_financier", "financierId");
            var portfolio = await (await market.Client(lender).GetAsync($"/api/v1/financiers/{lender.PartyId}/portfolio")).ShouldBe(200);
            Assert.Empty(portfolio.GetProperty("items").EnumerateArray());
        }
    }
}
