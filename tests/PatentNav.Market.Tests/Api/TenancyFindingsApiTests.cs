using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Tests.Infrastructure;
using PatentNav.Market.Tests.Payments;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// The tenancy findings of issue 10 §1, each through REST on PostgreSQL: another tenant's key is refused and
/// nothing changes; the owning tenant (or the admin) still gets through. docs/TENANCY.md has the rules.
/// </summary>
public sealed class TenancyFindingsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private HttpClient Admin => market.Admin();

    private Task<IssuedKey> OtherCenterOperator() => Admin.NewKey("operating_center", "operator");

    [Fact]
    public async Task An_operator_of_another_center_takes_no_step_of_a_financiers_deal()
    {
        var cast = await market.ApplyDeal(principal: 100_000_00, value: 1_000_000_00);
        var operatorB = market.Client(await OtherCenterOperator());
        var bankB = market.Client(await Admin.NewKey("bank", "financier"));

        foreach (var intruder in new[] { operatorB, bankB })
        {
            await (await intruder.GetAsync(cast.Url)).ShouldBeProblem(404, "pledge_not_found");
            foreach (var step in new[] { "appraise", "approve", "revalue", "default", "release" })
                await (await intruder.PostJson($"{cast.Url}/{step}", new { })).ShouldBeProblem(404, "pledge_not_found");
            await (await intruder.PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000999" })).ShouldBeProblem(404, "pledge_not_found");
            await (await intruder.PostJson($"{cast.Url}/renew", new { newMaturity = "2032-01-01" })).ShouldBeProblem(404, "pledge_not_found");
            await (await intruder.PostJson($"{cast.Url}/dispose", new { method = "conversion", amount = new { amount = 1, currency = "CNY" } })).ShouldBeProblem(404, "pledge_not_found");
            await (await intruder.PostWithKey($"{cast.Url}/disburse", new { }, Guid.NewGuid().ToString())).ShouldBeProblem(404, "pledge_not_found");
            await (await intruder.Repay(cast, 1)).ShouldBeProblem(404, "pledge_not_found");
        }
        // The financier's portfolio is its own.
        await (await operatorB.GetAsync($"/api/v1/financiers/{cast.Bank.PartyId}/portfolio")).ShouldBeProblem(403, "forbidden");
        await (await bankB.GetAsync($"/api/v1/financiers/{cast.Bank.PartyId}/portfolio")).ShouldBeProblem(403, "forbidden");

        var deal = await (await market.Client(cast.Bank).GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal("applied", deal.State());
        Assert.Single(deal.GetProperty("history").EnumerateArray());
        Assert.Equal("active", (await market.Activate(cast)).State()); // the financier itself still runs it
    }

    [Fact]
    public async Task An_operator_of_another_center_cannot_sell_pay_or_record_a_licensors_patent()
    {
        var cast = await Admin.NewCast();
        var number = await Admin.NewPatent(cast.Seller.PartyId);
        var operatorB = await OtherCenterOperator();
        var buyerB = await Admin.NewKey("company", "licensee");
        var opB = market.Client(operatorB);

        // Opening a transfer of A's patent under center B, for B's buyer, at 1 CNY: refused, nothing claimed.
        var hijack = new Dictionary<string, object?>
        {
            ["patents"] = new[] { number }, ["sellerId"] = cast.Seller.PartyId, ["buyerId"] = buyerB.PartyId,
            ["price"] = new { amount = 1, currency = "CNY" }, ["centerId"] = operatorB.PartyId,
        };
        await (await opB.OpenTransfer(hijack)).ShouldBeProblem(403, "forbidden"); // an operator key opens no transfer
        var licensorB = await Admin.NewKey("company", "licensor");
        await (await market.Client(licensorB).OpenTransfer(hijack)).ShouldBeProblem(403, "forbidden", "sellerId"); // nor another seller
        Assert.Equal(JsonValueKind.Null, (await Admin.PatentTransfers(number)).GetProperty("openTransferId").ValueKind);

        // A's own transfer, run by center A: center B's operator can neither see it nor take its steps.
        var id = (await market.Client(cast.Seller).Open(cast, [number])).TransferId();
        await (await opB.GetAsync($"/api/v1/transfers/{id}")).ShouldBeProblem(404, "transfer_not_found");
        await (await opB.PayTransfer(id, "BANK-HIJACK-1", amount: 1)).ShouldBeProblem(404, "transfer_not_found");
        await (await opB.PayTransfer(id, "BANK-HIJACK-2")).ShouldBeProblem(404, "transfer_not_found");
        await (await opB.RecordNotice(id, "ZLBG2030000001", market.Clock.Today)).ShouldBeProblem(404, "transfer_not_found");
        await (await opB.CancelTransfer(id)).ShouldBeProblem(404, "transfer_not_found");
        var transfer = await Admin.Transfer(id);
        Assert.Equal("awaiting_payment", transfer.Status());
        Assert.Equal(JsonValueKind.Null, transfer.GetProperty("payment").ValueKind);
        Assert.Equal([cast.Seller.PartyId], (await Admin.GetPatent(number)).GetProperty("ownerIds").Strings());

        // Center A's operator runs it to the end.
        var op = market.Client(cast.Operator);
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        Assert.Equal("completed", (await (await op.RecordNotice(id, "ZLBG2030000002", market.Clock.Today)).ShouldBe(200)).Status());
    }

    [Fact]
    public async Task Only_a_holder_changes_its_patent_and_its_owners()
    {
        var holder = await Admin.NewKey("company", "licensor");
        var number = await Admin.NewPatent(holder.PartyId);
        var thief = await Admin.NewKey("company", "licensor");
        var url = $"/api/v1/patents/{number}";

        await (await market.Client(await OtherCenterOperator()).PatchJson(url, new { ownerIds = new[] { thief.PartyId } })).ShouldBeProblem(403, "forbidden");
        await (await market.Client(thief).PatchJson(url, new { ownerIds = new[] { thief.PartyId } })).ShouldBeProblem(403, "forbidden");
        await (await market.Client(thief).PostJson($"{url}/valuations", new { value = new { amount = 1, currency = "CNY" }, method = "market", effectiveDate = "2029-12-01" }))
            .ShouldBeProblem(403, "forbidden");
        var patent = await Admin.GetPatent(number);
        Assert.Equal([holder.PartyId], patent.GetProperty("ownerIds").Strings());
        Assert.Equal(0, patent.GetProperty("valuations").GetArrayLength());

        var renamed = await (await market.Client(holder).PatchJson(url, new { title = "一种固态电解质" })).ShouldBe(200);
        Assert.Equal("一种固态电解质", renamed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_pledge_on_a_patent_follows_its_deal_and_has_no_back_door()
    {
        var cast = await market.ApplyDeal(principal: 100_000_00, value: 1_000_000_00);
        await market.Activate(cast);
        Assert.Equal(cast.Bank.PartyId, (await Admin.GetPatent(cast.Number)).GetProperty("pledgeeId").GetString());

        // No endpoint clears (or sets) it: not even the admin.
        foreach (var caller in new[] { Admin, market.Client(await OtherCenterOperator()) })
        {
            var response = await caller.PutAsJsonAsync($"/api/v1/patents/{cast.Number}/pledge", new { pledgeeId = (string?)null }, MarketApp.Json);
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed, $"PUT …/pledge answered {(int)response.StatusCode}");
        }
        Assert.Equal(cast.Bank.PartyId, (await Admin.GetPatent(cast.Number)).GetProperty("pledgeeId").GetString());
        var licensee = await Admin.NewParty();
        await (await market.Client(cast.Pledgor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [cast.Number])))
            .ShouldBeProblem(409, "pledgee_consent_required");

        // Repaid and released, the pledge goes with the deal.
        var payoff = (await (await market.Client(cast.Bank).GetAsync(cast.Url)).ShouldBe(200)).Fen("payoff");
        await (await market.Client(cast.Bank).Repay(cast, payoff)).ShouldBe(200);
        Assert.Equal("released", (await (await market.Client(cast.Bank).PostWithKey($"{cast.Url}/release", new { }, Guid.NewGuid().ToString())).ShouldBe(200)).State());
        Assert.Equal(JsonValueKind.Null, (await Admin.GetPatent(cast.Number)).GetProperty("pledgeeId").ValueKind);
    }

    [Fact]
    public async Task A_financiers_application_waits_for_the_pledgor_to_accept()
    {
        var holder = await Admin.NewKey("company", "licensor");
        var number = await Admin.NewPatent(holder.PartyId);
        await Admin.AddValuation(number, 1_000_000_00, "2029-12-01");
        var bankB = await Admin.NewKey("bank", "financier");
        var bankC = await Admin.NewKey("bank", "financier");
        var bank = market.Client(bankB);
        object Body(string financierId) => new
        {
            pledgorId = holder.PartyId, financierId, patents = new[] { number }, principal = new { amount = 100_000_00, currency = "CNY" },
            product = new { annualRateBps = 435, termMonths = 12 },
        };

        // A financier applies only for itself.
        await (await bank.PostWithKey("/api/v1/pledges", Body(bankC.PartyId), Guid.NewGuid().ToString())).ShouldBeProblem(403, "forbidden", "pledgorId");
        var applied = await (await bank.PostWithKey("/api/v1/pledges", Body(bankB.PartyId), Guid.NewGuid().ToString())).ShouldBe(201);
        var url = $"/api/v1/pledges/{applied.GetProperty("id").GetString()}";
        Assert.True(applied.GetProperty("awaitingPledgor").GetBoolean());

        // Nothing proceeds without the pledgor; no one else accepts for it.
        await (await bank.PostJson($"{url}/appraise", new { })).ShouldBeProblem(409, "pledgor_acceptance_required");
        await (await bank.PostJson($"{url}/acceptance", new { })).ShouldBeProblem(403, "forbidden");
        await (await market.Client(await Admin.NewKey("company", "licensor")).PostJson($"{url}/acceptance", new { })).ShouldBeProblem(404, "pledge_not_found");
        Assert.Equal(JsonValueKind.Null, (await Admin.GetPatent(number)).GetProperty("pledgeeId").ValueKind);

        // The holder's own licensing is not blocked meanwhile.
        var licensee = await Admin.NewParty();
        await (await market.Client(holder).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [number]))).ShouldBe(201);

        var accepted = await (await market.Client(holder).PostJson($"{url}/acceptance", new { })).ShouldBe(200);
        Assert.False(accepted.GetProperty("awaitingPledgor").GetBoolean());
        Assert.Equal("appraised", (await (await bank.PostJson($"{url}/appraise", new { })).ShouldBe(200)).State());
    }

    [Fact]
    public async Task An_operator_of_another_center_cannot_mark_a_pool_or_bilateral_invoice_paid()
    {
        var pool = await market.NewPool();
        var (_, invoice) = await market.ReportedLicence(pool);
        var opB = market.Client(await OtherCenterOperator());
        var amount = invoice.Amount();

        await (await opB.Pay(invoice.Id(), "BANK-HIJACK-INV", amount)).ShouldBeProblem(404, "invoice_not_found");
        await (await opB.PostWithKey($"/api/v1/invoices/{invoice.Id()}/payment-intents", null, Guid.NewGuid().ToString())).ShouldBeProblem(404, "invoice_not_found");
        var paid = await (await market.Client(pool.Administrator).Pay(invoice.Id(), $"BANK-{invoice.Id()}", amount)).ShouldBe(201);
        Assert.Equal("paid", paid.GetProperty("status").GetString());

        // A licensor's payable (a bilateral royalty, paid) is paid out at its own request only.
        var licensor = await Admin.NewKey("company", "licensor");
        var licenseeKey = await Admin.NewKey("company", "licensee");
        var licence = await (await market.Client(licensor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licenseeKey.PartyId, [await Admin.NewPatent(licensor.PartyId)]))).ShouldBe(201);
        var royalty = await (await market.Client(licenseeKey).Report(licence.Id(), LicenceSteps.Quarter(market.Clock.Today).ToString(), 1_000)).ShouldBe(201);
        await (await opB.Pay(royalty.Id(), "BANK-HIJACK-BIL", royalty.Amount(), "CNY")).ShouldBeProblem(404, "invoice_not_found");
        await (await Admin.Pay(royalty.Id(), $"BANK-{royalty.Id()}", royalty.Amount(), "CNY")).ShouldBe(201);
        var payable = $"licensor:{licensor.PartyId}:payable";
        Assert.Equal(royalty.Amount(), await market.Factory.Services.Balance(payable));

        await (await opB.GetAsync($"/api/v1/ledger/accounts/{payable}")).ShouldBeProblem(403, "forbidden");
        Assert.Equal(0, (await market.Client(licensor).Account(payable)).Balance("CNY") - royalty.Amount()); // the licensor reads its own account
        // Nor pays it out, nor reads its payouts: no pool of B's paid into it (PayoutTenancyApiTests has the rest).
        await (await opB.Payout(licensor.PartyId, "CNY")).ShouldBeProblem(403, "forbidden", "licensorId");
        await (await opB.GetAsync($"/api/v1/parties/{licensor.PartyId}/payouts")).ShouldBeProblem(403, "forbidden");
        Assert.Equal(royalty.Amount(), await market.Factory.Services.Balance(payable));
    }

    [Fact]
    public async Task A_pool_admits_a_patent_only_with_its_holders_agreement_and_the_holder_reads_the_pool_licence()
    {
        var pool = await market.NewPool();
        var op = market.Client(pool.Administrator);
        var holder = await Admin.NewKey("company", "licensor");
        var number = await Admin.NewPatent(holder.PartyId);
        await (await op.PostJson($"/api/v1/pools/{pool.Id}/members", new { partyId = holder.PartyId })).ShouldBe(200);
        var agreement = $"/api/v1/pools/{pool.Id}/patents/{number}/agreement";

        await (await op.PostJson($"/api/v1/pools/{pool.Id}/patents", new { number })).ShouldBeProblem(422, "holder_agreement_required", "number");
        await (await op.PostJson(agreement, new { })).ShouldBeProblem(403, "forbidden");
        await (await market.Client(await Admin.NewKey("company", "licensor")).PostJson(agreement, new { })).ShouldBeProblem(403, "forbidden");
        Assert.Empty((await Admin.GetPatent(number)).GetProperty("pools").EnumerateArray());

        var agreed = await (await market.Client(holder).PostJson(agreement, new { })).ShouldBe(201);
        Assert.Equal(holder.PartyId, agreed.GetProperty("holderId").GetString());
        await (await op.PostJson($"/api/v1/pools/{pool.Id}/patents", new { number })).ShouldBe(201);

        // The holder reads the pool licence covering its patent, and its invoices; a stranger gets the 404 of a missing licence.
        var licensee = await Admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);
        Assert.Equal(licensee.PartyId, (await market.Client(holder).Licence(licenceId)).GetProperty("licenseeId").GetString());
        Assert.Empty(await market.Client(holder).Invoices(licenceId));
        await (await market.Client(await Admin.NewKey("company", "licensor")).GetAsync($"/api/v1/licences/{licenceId}")).ShouldBeProblem(404, "licence_not_found");
        await (await market.Client(await OtherCenterOperator()).GetAsync($"/api/v1/licences/{licenceId}")).ShouldBeProblem(404, "licence_not_found");
        // Reading is not acting: the holder does not report for the licensee.
        await (await market.Client(holder).Report(licenceId, LicenceSteps.Quarter(market.Clock.Today).ToString(), 10)).ShouldBeProblem(403, "forbidden");
    }

    [Fact]
    public async Task A_bogus_token_is_401_on_the_public_pool_endpoints()
    {
        var pool = await market.NewPool();
        var urls = new[] { "/api/v1/pools", pool.Url(), $"{pool.Url()}/rate-cards", $"{pool.Url()}/quote?category=decoder&region=US&units=10" };
        foreach (var url in urls)
        {
            await (await market.ClientWith("pnm_not_a_key").GetAsync(url)).ShouldBeProblem(401, "unauthenticated");
            await (await market.ClientWith("adm_not_the_admin_token").GetAsync(url)).ShouldBeProblem(401, "unauthenticated");
            await (await market.ClientWith(null).GetAsync(url)).ShouldBe(200);
        }
    }
}

internal static class TenancyFindingSteps
{
    public static string Url(this ClockedPool pool) => $"/api/v1/pools/{pool.Id}";
}
