using PatentNav.Market.Grains.Common;
using System.Net.Http.Json;
using System.Text.Json;
using static PatentNav.Market.Tests.Api.TransferSteps;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Transfers (§7) through the REST API: seller, buyer, co-owner, pledgee and operator take them to the end.</summary>
public sealed class TransfersApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static DateOnly Today => MarketClock.System.Today;

    private IServiceProvider Services => app.Services;

    [Fact]
    public async Task A_domestic_sale_goes_from_draft_to_completed_and_owner_licences_and_ledger_are_right()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var (seller, buyer, op) = (app.Client(cast.Seller), app.Client(cast.Buyer), app.Client(cast.Operator));
        var number = await admin.NewPatent(cast.Seller.PartyId);
        var licensee = await app.CreateParty();
        var licence = (await (await seller.PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [number]))).ShouldBe(201)).GetProperty("id").GetString();

        var opened = await seller.Open(cast, [number]);
        var id = opened.TransferId();
        Assert.Equal("awaiting_payment", opened.Status());
        Assert.Equal([("created", "draft"), ("opened", "awaiting_payment")], opened.Steps());
        Assert.Equal(cast.Seller.Caller, opened.GetProperty("history")[0].GetProperty("by").GetString());
        Assert.Equal((100, cast.CenterId), (opened.GetProperty("commissionBps").GetInt32(), opened.GetProperty("centerId").GetString()));
        Assert.False(opened.GetProperty("exportCheck").GetProperty("required").GetBoolean());
        Assert.Equal(DateTimeOffset.Parse(opened.GetProperty("createdAt").GetString()!).AddDays(90), DateTimeOffset.Parse(opened.GetProperty("expiresAt").GetString()!));
        Assert.Equal(id, (await admin.PatentTransfers(number)).GetProperty("openTransferId").GetString());
        Assert.Equal(id, (await buyer.Transfer(id)).TransferId());

        await (await op.RecordNotice(id, "ZLBG2026000001", Today)).ShouldBeProblem(409, "invalid_transfer_state");
        var paid = await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        Assert.Equal("awaiting_recordation", paid.Status());
        Assert.Equal(Price, paid.GetProperty("escrow").GetProperty("held").GetProperty("amount").GetInt64());
        Assert.Equal(Price, await Services.Balance(TransferSteps.Escrow(id)));
        await Services.AssertLedgerBalances();

        var done = await (await op.RecordNotice(id, "ZLBG2026000001", Today)).ShouldBe(200);
        Assert.Equal("completed", done.Status());
        var completion = done.GetProperty("completion");
        Assert.Equal((Today.Iso(), cast.Buyer.PartyId), (completion.GetProperty("ownershipPassedOn").GetString(), completion.GetProperty("newOwnerId").GetString()));
        Assert.Equal([licence], completion.GetProperty("licences").EnumerateArray().Select(l => l.GetProperty("licenceId").GetString()));
        Assert.Equal((Price / 100 * 99, Price / 100),
            (completion.GetProperty("sellerProceeds").GetProperty("amount").GetInt64(), completion.GetProperty("commission").GetProperty("amount").GetInt64()));
        Assert.Equal(["created", "opened", "payment_confirmed", "paid", "recorded"], done.Steps().Select(s => s.Action));

        // The patent: new owner from the notice date, licence still there, free for another transfer.
        var patent = await admin.GetPatent(number);
        Assert.Equal([cast.Buyer.PartyId], patent.GetProperty("ownerIds").Strings());
        var history = patent.GetProperty("ownerHistory").EnumerateArray().ToArray();
        Assert.Equal((Today.Iso(), cast.Buyer.PartyId), (history[^1].GetProperty("from").GetString(), history[^1].GetProperty("ownerIds")[0].GetString()));
        Assert.Equal(cast.Seller.PartyId, history[^2].GetProperty("ownerIds")[0].GetString());
        Assert.Equal([licence], patent.GetProperty("licences").EnumerateArray().Select(l => l.GetProperty("licenceId").GetString()));
        var side = await admin.PatentTransfers(number);
        Assert.Equal(JsonValueKind.Null, side.GetProperty("openTransferId").ValueKind);
        Assert.Equal(id, side.GetProperty("transfers")[0].GetProperty("transferId").GetString());

        // Escrow released once: to the seller's payable less the center's commission.
        Assert.Equal(0, await Services.Balance(TransferSteps.Escrow(id)));
        Assert.Equal([$"pay:{id}", $"release:{id}"], await Services.Postings(TransferSteps.Escrow(id)));
        Assert.Equal(Price / 100 * 99, await Services.Balance(Grains.Ledger.LedgerAccounts.LicensorPayable(cast.Seller.PartyId)));
        Assert.Equal(Price / 100, await Services.Balance(Grains.Ledger.LedgerAccounts.AdminFees(cast.CenterId)));
        await Services.AssertLedgerBalances();

        // Recording again changes nothing; another notice is refused; nothing else can happen to a completed transfer.
        Assert.Equal(done.Version(), (await (await op.RecordNotice(id, "ZLBG2026000001", Today)).ShouldBe(200)).Version());
        await (await op.RecordNotice(id, "ZLBG2026000002", Today)).ShouldBeProblem(409, "already_recorded", "noticeNumber");
        await (await op.CancelTransfer(id)).ShouldBeProblem(409, "invalid_transfer_state");
        Assert.Equal([$"pay:{id}", $"release:{id}"], await Services.Postings(TransferSteps.Escrow(id)));
    }

    [Fact]
    public async Task Every_co_owner_and_the_pledgee_consent_before_payment_and_a_repeated_answer_changes_nothing()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var coOwner = await app.NewKey("university", "licensor");
        var bank = await app.NewKey("bank", "financier");
        var number = await admin.NewPatent(cast.Seller.PartyId, coOwner.PartyId);
        await admin.PledgeThroughDeal(app.Client(bank), number, cast.Seller.PartyId, bank.PartyId, valuedOn: Today.Iso());
        var op = app.Client(cast.Operator);

        var opened = await app.Client(cast.Seller).Open(cast, [number]);
        var id = opened.TransferId();
        Assert.Equal("awaiting_consents", opened.Status());
        Assert.Equal([(coOwner.PartyId, "co_owner"), (bank.PartyId, "pledgee")],
            opened.GetProperty("consents").EnumerateArray().Select(c => (c.GetProperty("partyId").GetString(), c.GetProperty("roles")[0].GetString())));
        await (await op.PayTransfer(id, $"EARLY-{id}")).ShouldBeProblem(409, "invalid_transfer_state");

        var first = await (await app.Client(coOwner).Decide(id, "grant")).ShouldBe(200);
        Assert.Equal("awaiting_consents", first.Status());
        Assert.Equal(first.Version(), (await (await app.Client(coOwner).Decide(id, "grant")).ShouldBe(200)).Version());
        await (await app.Client(coOwner).Decide(id, "refuse")).ShouldBeProblem(409, "consent_already_given", "decision");
        await (await app.Client(cast.Seller).Decide(id, "grant")).ShouldBeProblem(422, "not_consenting_party");
        await (await app.Client(await app.NewKey("company", "licensee")).Decide(id, "grant")).ShouldBeProblem(404, "transfer_not_found");
        await (await admin.Decide(id, "grant")).ShouldBeProblem(403, "forbidden");

        var all = await (await app.Client(bank).Decide(id, "grant")).ShouldBe(200);
        Assert.Equal("awaiting_payment", all.Status());
        Assert.Equal(("consents_complete", "awaiting_payment"), all.Steps()[^1]);
        var granted = all.GetProperty("consents").EnumerateArray().Single(c => c.GetProperty("partyId").GetString() == bank.PartyId);
        Assert.Equal(("granted", bank.Caller), (granted.GetProperty("decision").GetString(), granted.GetProperty("decidedBy").GetString()));

        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        await (await op.RecordNotice(id, "ZLBG2026000010", Today)).ShouldBe(200);
        var patent = await admin.GetPatent(number);
        Assert.Equal([cast.Buyer.PartyId], patent.GetProperty("ownerIds").Strings());
        // The pledgee's consent is kept on the patent, used by this transfer (Civil Code art. 444).
        var stored = (await admin.History(number)).Last(e => e.GetProperty("changes").TryGetProperty("consents", out _)).GetProperty("changes");
        Assert.Contains(stored.GetProperty("consents").EnumerateArray(), c => c.GetProperty("purpose").GetString() == "transfer" && c.GetProperty("usedFor").GetString() == id);
    }

    [Fact]
    public async Task A_refused_consent_cancels_the_transfer_and_frees_the_patent()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var bank = await app.NewKey("bank", "financier");
        var number = await admin.NewPatent(cast.Seller.PartyId);
        await admin.PledgeThroughDeal(app.Client(bank), number, cast.Seller.PartyId, bank.PartyId, valuedOn: Today.Iso());
        var id = (await app.Client(cast.Seller).Open(cast, [number])).TransferId();

        var refused = await (await app.Client(bank).Decide(id, "refuse")).ShouldBe(200);

        Assert.Equal("cancelled", refused.Status());
        Assert.Equal("consent_refused", refused.GetProperty("closing").GetProperty("reason").GetString());
        Assert.Equal([("consent_refused", "awaiting_consents"), ("cancelled", "cancelled")], refused.Steps()[^2..]);
        Assert.Equal(refused.Version(), (await (await app.Client(bank).Decide(id, "refuse")).ShouldBe(200)).Version());
        Assert.Equal(JsonValueKind.Null, (await admin.PatentTransfers(number)).GetProperty("openTransferId").ValueKind);
        await app.Client(cast.Seller).Open(cast, [number]);
    }

    [Fact]
    public async Task A_patent_pledged_after_the_transfer_opened_cannot_complete_until_the_pledgee_consents()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var bank = await app.NewKey("bank", "financier");
        var number = await admin.NewPatent(cast.Seller.PartyId);
        var op = app.Client(cast.Operator);
        var id = (await app.Client(cast.Seller).Open(cast, [number])).TransferId();
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        await admin.PledgeThroughDeal(app.Client(bank), number, cast.Seller.PartyId, bank.PartyId, valuedOn: Today.Iso());

        await (await op.RecordNotice(id, "ZLBG2026000020", Today)).ShouldBeProblem(409, "pledgee_consent_required", "patents[0]");
        Assert.Equal([cast.Seller.PartyId], (await admin.GetPatent(number)).GetProperty("ownerIds").Strings());
        Assert.Equal(Price, await Services.Balance(TransferSteps.Escrow(id)));

        // The new pledgee has a say now: its consent is added and recorded, and the transfer can complete.
        var consented = await (await app.Client(bank).Decide(id, "grant")).ShouldBe(200);
        Assert.Equal("awaiting_recordation", consented.Status());
        Assert.Contains(consented.GetProperty("consents").EnumerateArray(), c => c.GetProperty("partyId").GetString() == bank.PartyId);
        Assert.Equal("completed", (await (await op.RecordNotice(id, "ZLBG2026000020", Today)).ShouldBe(200)).Status());
        Assert.Equal([cast.Buyer.PartyId], (await admin.GetPatent(number)).GetProperty("ownerIds").Strings());
        await Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task A_pending_application_is_transferred_too()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var number = ApiSteps.NewNumber();
        await admin.RegisterPatent(ApiSteps.PatentBody(number, cast.Seller.PartyId, grantDate: null, status: "pending"));
        var op = app.Client(cast.Operator);

        var id = (await app.Client(cast.Seller).Open(cast, [number])).TransferId();
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        await (await op.RecordNotice(id, "ZLBG2026000030", Today)).ShouldBe(200);

        var patent = await admin.GetPatent(number);
        Assert.Equal(("pending", cast.Buyer.PartyId), (patent.GetProperty("status").GetString(), patent.GetProperty("ownerIds")[0].GetString()));
    }

    [Fact]
    public async Task The_commission_is_set_per_center_by_the_admin_and_locked_when_the_transfer_opens()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var url = $"/api/v1/operating-centers/{cast.CenterId}";
        var unset = await (await admin.GetAsync(url)).ShouldBe(200);
        Assert.Equal((100, true), (unset.GetProperty("commissionBps").GetInt32(), unset.GetProperty("isDefault").GetBoolean()));

        await (await app.Client(cast.Operator).PutAsJsonAsync(url, new { commissionBps = 0 }, MarketApp.Json)).ShouldBeProblem(403, "forbidden");
        await (await admin.PutAsJsonAsync(url, new { commissionBps = 10_001 }, MarketApp.Json)).ShouldBeProblem(400, "invalid_bps", "commissionBps");
        await (await admin.PutAsJsonAsync($"/api/v1/operating-centers/{cast.Seller.PartyId}", new { commissionBps = 250 }, MarketApp.Json))
            .ShouldBeProblem(422, "not_operating_center");
        await (await admin.GetAsync($"/api/v1/operating-centers/{cast.Seller.PartyId}")).ShouldBeProblem(404, "operating_center_not_found");
        var set = await (await admin.PutAsJsonAsync(url, new { commissionBps = 250 }, MarketApp.Json)).ShouldBe(200);
        Assert.Equal((250, false), (set.GetProperty("commissionBps").GetInt32(), set.GetProperty("isDefault").GetBoolean()));

        var number = await admin.NewPatent(cast.Seller.PartyId);
        var op = app.Client(cast.Operator);
        var id = (await app.Client(cast.Seller).Open(cast, [number])).TransferId();
        await (await admin.PutAsJsonAsync(url, new { commissionBps = 500 }, MarketApp.Json)).ShouldBe(200);
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        var done = await (await op.RecordNotice(id, "ZLBG2026000040", Today)).ShouldBe(200);

        Assert.Equal(250, done.GetProperty("commissionBps").GetInt32());
        Assert.Equal(Price * 250 / 10_000, done.GetProperty("completion").GetProperty("commission").GetProperty("amount").GetInt64());
        Assert.Equal(Price * 250 / 10_000, await Services.Balance(Grains.Ledger.LedgerAccounts.AdminFees(cast.CenterId)));
    }
}
