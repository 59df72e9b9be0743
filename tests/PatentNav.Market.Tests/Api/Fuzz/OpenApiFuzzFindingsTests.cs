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
    [InlineData("GET", "/api/v1/parties/.", "application/xml", 405, "method_not_allowed")]
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
}
