using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// A deal may name the operating center that files its CNIPA pledge registration (质押登记) for the parties (docs/API.md,
/// "Pledge financing"): that center's operators read the deal, list it while it waits on them and record its registration;
/// another center is refused and nothing changes; the center gains no other step and not the loan's money.
/// </summary>
public sealed class PledgeCenterRegistrationApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];

    private async Task<(PledgeCast Cast, IssuedKey Center)> ApprovedWithCenter()
    {
        var center = await market.Admin().NewKey("operating_center", "operator");
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00, centerId: center.PartyId);
        var bank = market.Client(cast.Bank);
        await (await bank.PostJson($"{cast.Url}/appraise", new { })).ShouldBe(200);
        await (await bank.PostJson($"{cast.Url}/approve", new { })).ShouldBe(200);
        return (cast, center);
    }

    [Fact]
    public async Task The_named_centers_operator_lists_the_approved_deal_as_waiting_records_its_registration_and_it_leaves_the_list()
    {
        var (cast, center) = await ApprovedWithCenter();
        var op = market.Client(center);
        var listUrl = $"/api/v1/operating-centers/{center.PartyId}/pledges";

        var waiting = await (await op.GetAsync(listUrl + "?status=approved")).ShouldBe(200);
        Assert.Equal([cast.Id], Ids(waiting));
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("nextCursor").ValueKind);
        Assert.Empty(Ids(await (await op.GetAsync(listUrl + "?status=registered")).ShouldBe(200)));
        var seen = await (await op.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal((center.PartyId, "approved"), (seen.GetProperty("centerId").GetString(), seen.State()));

        var today = market.Clock.Today;
        var registered = await (await op.PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000555", registeredOn = today.Iso() })).ShouldBe(200);
        Assert.Equal(("registered", "Y2030980000555", today.Iso()),
            (registered.State(), registered.GetProperty("registrationNumber").GetString(), registered.GetProperty("registeredOn").GetString()));
        // The center files for the parties; the pledgee is still the financier.
        Assert.Equal(cast.Bank.PartyId, (await market.Admin().GetPatent(cast.Number)).GetProperty("pledgeeId").GetString());
        Assert.Empty(Ids(await (await op.GetAsync(listUrl + "?status=approved")).ShouldBe(200)));
        Assert.Equal([cast.Id], Ids(await (await op.GetAsync(listUrl)).ShouldBe(200)));

        // No other step is the center's, and the loan's accounts are not its to read.
        await (await op.PostWithKey($"{cast.Url}/disburse", new { }, Guid.NewGuid().ToString())).ShouldBeProblem(403, "forbidden");
        Assert.Equal("registered", (await (await op.GetAsync(cast.Url)).ShouldBe(200)).State());
        await (await market.Client(cast.Bank).PostWithKey($"{cast.Url}/disburse", new { }, Guid.NewGuid().ToString())).ShouldBe(200);
        await (await op.GetAsync($"/api/v1/ledger/accounts/{LedgerAccounts.LoanPrincipal(cast.Id)}")).ShouldBeProblem(403, "forbidden");
        await (await market.Client(cast.Bank).GetAsync($"/api/v1/ledger/accounts/{LedgerAccounts.LoanPrincipal(cast.Id)}")).ShouldBe(200);
    }

    [Fact]
    public async Task Another_center_neither_reads_nor_registers_nor_lists_the_deal_and_nothing_changes()
    {
        var (cast, center) = await ApprovedWithCenter();
        var other = market.Client(await market.Admin().NewKey("operating_center", "operator"));

        await (await other.GetAsync(cast.Url)).ShouldBeProblem(404, "pledge_not_found");
        await (await other.PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000666" })).ShouldBeProblem(404, "pledge_not_found");
        await (await other.GetAsync($"/api/v1/operating-centers/{center.PartyId}/pledges")).ShouldBeProblem(403, "forbidden");
        // A licensor (the pledgor itself) does not register either: the financier or the named center files it.
        await (await market.Client(cast.Pledgor).PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000667" })).ShouldBeProblem(403, "forbidden");

        var deal = await (await market.Client(cast.Bank).GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(("approved", JsonValueKind.Null, JsonValueKind.Null),
            (deal.State(), deal.GetProperty("registrationNumber").ValueKind, deal.GetProperty("registeredOn").ValueKind));
        Assert.Equal(JsonValueKind.Null, (await market.Admin().GetPatent(cast.Number)).GetProperty("pledgeeId").ValueKind);
        Assert.Equal([cast.Id], Ids(await (await market.Client(center).GetAsync($"/api/v1/operating-centers/{center.PartyId}/pledges?status=approved")).ShouldBe(200)));
    }

    [Fact]
    public async Task A_deal_without_a_center_is_no_operators_and_a_center_that_is_not_an_operating_center_is_refused_on_centerId()
    {
        var plain = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        var op = market.Client(await market.Admin().NewKey("operating_center", "operator"));
        await (await op.GetAsync(plain.Url)).ShouldBeProblem(404, "pledge_not_found");
        Assert.Equal(JsonValueKind.Null, (await (await market.Client(plain.Bank).GetAsync(plain.Url)).ShouldBe(200)).GetProperty("centerId").ValueKind);

        var admin = market.Admin();
        var company = await admin.NewKey("company", "licensor");
        var pledgor = await admin.NewKey("company", "licensor");
        var bank = await admin.NewKey("bank", "financier");
        var number = await admin.NewPatent(pledgor.PartyId);
        await admin.AddValuation(number, 3_000_000_00, "2029-12-01");
        object Body(string centerId) => new
        {
            pledgorId = pledgor.PartyId, financierId = bank.PartyId, patents = new[] { number },
            principal = new { amount = 1_000_000_00, currency = "CNY" }, product = new { annualRateBps = 435, termMonths = 12 }, centerId,
        };
        var client = market.Client(pledgor);
        await (await client.PostWithKey("/api/v1/pledges", Body(company.PartyId), Guid.NewGuid().ToString())).ShouldBeProblem(422, "not_operating_center", "centerId");
        await (await client.PostWithKey("/api/v1/pledges", Body("pty_nosuchcenter0001"), Guid.NewGuid().ToString())).ShouldBeProblem(422, "unknown_party", "centerId");
        // Nothing was created: the bank's book is empty and the company lists no deal.
        Assert.Empty((await (await market.Client(bank).GetAsync($"/api/v1/financiers/{bank.PartyId}/portfolio")).ShouldBe(200)).GetProperty("items").EnumerateArray());
        Assert.Empty(Ids(await (await admin.GetAsync($"/api/v1/operating-centers/{company.PartyId}/pledges")).ShouldBe(200)));
    }

    [Fact]
    public async Task A_registration_dated_in_the_future_or_before_the_approval_is_refused_on_registeredOn_and_the_deal_stays_approved()
    {
        var (cast, center) = await ApprovedWithCenter();
        var op = market.Client(center);
        var today = market.Clock.Today;
        await (await op.PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000777", registeredOn = today.AddDays(1).Iso() }))
            .ShouldBeProblem(400, "date_in_future", "registeredOn");
        await (await op.PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000777", registeredOn = today.AddDays(-1).Iso() }))
            .ShouldBeProblem(422, "registered_before_approval", "registeredOn");
        await (await op.PostJson($"{cast.Url}/register", new { registrationNumber = "Y!" })).ShouldBeProblem(400, "invalid_registration_number", "registrationNumber");
        var deal = await (await op.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(("approved", JsonValueKind.Null), (deal.State(), deal.GetProperty("registrationNumber").ValueKind));
        Assert.Equal(JsonValueKind.Null, (await market.Admin().GetPatent(cast.Number)).GetProperty("pledgeeId").ValueKind);

        // Without a date it is registered today.
        var registered = await (await op.PostJson($"{cast.Url}/register", new { registrationNumber = "Y2030980000777" })).ShouldBe(200);
        Assert.Equal(today.Iso(), registered.GetProperty("registeredOn").GetString());
    }

    [Fact]
    public async Task The_centers_list_pages_with_a_cursor_and_refuses_a_bad_status_limit_or_cursor()
    {
        var center = await market.Admin().NewKey("operating_center", "operator");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await market.ApplyDeal(100_000_00, 3_000_000_00, centerId: center.PartyId)).Id);
        var op = market.Client(center);
        var url = $"/api/v1/operating-centers/{center.PartyId}/pledges";
        var first = await (await op.GetAsync(url + "?status=applied&limit=2")).ShouldBe(200);
        Assert.Equal(ids[..2], Ids(first));
        var second = await (await op.GetAsync(url + $"?status=applied&limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).ShouldBe(200);
        Assert.Equal([ids[2]], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        await (await op.GetAsync(url + "?status=waiting")).ShouldBeProblem(400, "validation_failed", "status");
        await (await op.GetAsync(url + "?limit=0")).ShouldBeProblem(400, "validation_failed", "limit");
        await (await op.GetAsync(url + "?cursor=nope")).ShouldBeProblem(400, "validation_failed", "cursor");
    }
}
