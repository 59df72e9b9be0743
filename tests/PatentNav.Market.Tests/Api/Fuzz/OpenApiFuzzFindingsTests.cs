using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api.Fuzz;

/// <summary>
/// What <see cref="OpenApiFuzzTests"/> found, one regression test each, pasted from its printout: each was a 500 (or a
/// state change after a refusal) and is now a 4xx problem+json that changes nothing.
/// </summary>
public sealed class OpenApiFuzzFindingsTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Theory]
    [InlineData("/api/v1/pools/%20", "id")]
    [InlineData("/api/v1/parties/%20%20", "id")]
    [InlineData("/api/v1/transfers/%09", "id")]
    [InlineData("/api/v1/patents/%20%09", "number")]
    public async Task A_blank_path_id_is_400_naming_the_parameter_not_a_500_from_the_grain_key(string path, string parameter) =>
        await (await market.Admin().GetAsync(path)).ShouldBeProblem(400, "invalid_parameter", parameter);

    [Theory]
    [InlineData("GET", "/api/v1/pools//quote", "text/csv", 404, "not_found")]
    [InlineData("PUT", "/api/v1/parties", "application/xml", 405, "method_not_allowed")]
    [InlineData("DELETE", "/api/v1/pools", "application/xml", 405, "method_not_allowed")]
    public async Task The_frameworks_own_refusals_are_problem_json_whatever_the_accept_header(string method, string path, string accept, int status, string code)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Accept", accept);
        await (await market.Admin().SendAsync(request)).ShouldBeProblem(status, code);
    }

    [Fact]
    public async Task An_unsupported_content_type_is_415_problem_json_even_when_csv_is_asked_for()
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{cast.Url}/renew")
        {
            Content = new StringContent("""{"newMaturity":"2031-02-06"}""", System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Accept", "text/csv");
        await (await market.Client(cast.Bank).SendAsync(request)).ShouldBeProblem(415, "unsupported_media_type");
    }

    [Theory]
    [InlineData("/dashboard/SiloStats/note")]
    [InlineData("/dashboard/SiloMetadata/trf_799cd1644e1467ca")]
    [InlineData("/dashboard/SiloProperties/%E4%B8%8D%E5%AD%98%E5%9C%A8")]
    [InlineData("/dashboard/SiloCounters/1e400")]
    [InlineData("/dashboard/HistoricalStats/a%3Fb")]
    public async Task A_dashboard_silo_page_for_something_that_is_no_silo_address_is_404(string path)
    {
        await (await market.Admin().GetAsync(path)).ShouldBeProblem(404, "silo_not_found");
        await (await market.ClientWith(null).GetAsync(path)).ShouldBeProblem(401, "unauthenticated");
    }

    [Fact]
    public async Task Disbursing_an_active_deal_again_is_409_and_lends_nothing_twice()
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await market.Activate(cast);
        var principal = await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id));

        await (await market.Client(cast.Bank).PostWithKey($"{cast.Url}/disburse", new { }, Guid.NewGuid().ToString()))
            .ShouldBeProblem(409, "invalid_pledge_state");

        Assert.Equal(-1_000_000_00, principal);
        Assert.Equal(principal, await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        Assert.Equal("active", (await (await market.Client(cast.Bank).GetAsync(cast.Url)).ShouldBe(200)).State());
    }

    [Fact]
    public async Task A_transfer_refused_for_a_patent_held_by_another_transfer_claims_and_journals_nothing()
    {
        var admin = market.Admin();
        var cast = await admin.NewCast();
        var (free, held) = (await admin.NewPatent(cast.Seller.PartyId), await admin.NewPatent(cast.Seller.PartyId));
        var seller = market.Client(cast.Seller);
        await seller.Open(cast, [held]);
        var history = (await admin.History(free)).Length;

        await (await seller.OpenTransfer(TransferSteps.TransferBody(cast, [free, held]))).ShouldBeProblem(409, "patent_in_transfer", "patents[1]");

        Assert.Equal(history, (await admin.History(free)).Length);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await admin.PatentTransfers(free)).GetProperty("openTransferId").ValueKind);
    }

    [Fact]
    public async Task A_pledge_on_a_patent_valued_in_another_currency_is_422_before_any_deal_is_stored()
    {
        var admin = market.Admin();
        var pledgor = await admin.NewKey("company", "licensor");
        var bank = await admin.NewKey("bank", "financier");
        var number = await admin.NewPatent(pledgor.PartyId);
        var valuation = new Dictionary<string, object?> { ["value"] = new { amount = 3_000_000_00L, currency = "USD" }, ["method"] = "income", ["effectiveDate"] = "2029-12-01" };
        await (await admin.PostJson($"/api/v1/patents/{number}/valuations", valuation)).ShouldBe(201);
        var application = new
        {
            pledgorId = pledgor.PartyId, financierId = bank.PartyId, patents = new[] { number },
            principal = new { amount = 1_000_000_00L, currency = "CNY" },
            product = new { name = "知识产权质押贷", annualRateBps = 435, termMonths = 12, schedule = "bullet" },
        };

        await (await market.Client(pledgor).PostWithKey("/api/v1/pledges", application, Guid.NewGuid().ToString()))
            .ShouldBeProblem(422, "currency_mismatch", "patents[0]");

        Assert.Empty((await (await market.Client(bank).GetAsync($"/api/v1/financiers/{bank.PartyId}/portfolio")).ShouldBe(200)).GetProperty("items").EnumerateArray());
    }
}
