using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Issue 10 §3: bad input that used to be a 500 or was booked as if it were right is now a 4xx problem+json naming the
/// field, and changes nothing (the deal, its ledger accounts and the party list stay as they were).
/// </summary>
public sealed class ErrorTruthTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static object Application(IssuedKey pledgor, IssuedKey bank, object?[] patents, long principal = 1_000_000_00, int rateBps = 435, int months = 12) => new
    {
        pledgorId = pledgor.PartyId, financierId = bank.PartyId, patents,
        principal = new { amount = principal, currency = "CNY" },
        product = new { name = "知识产权质押贷", annualRateBps = rateBps, termMonths = months, schedule = "bullet" },
    };

    private async Task<(IssuedKey Pledgor, IssuedKey Bank, string Number)> PledgorBankAndPatent()
    {
        var admin = market.Admin();
        var pledgor = await admin.NewKey("company", "licensor");
        return (pledgor, await admin.NewKey("bank", "financier"), await admin.NewPatent(pledgor.PartyId));
    }

    private Task<HttpResponseMessage> Apply(IssuedKey pledgor, object body) =>
        market.Client(pledgor).PostWithKey("/api/v1/pledges", body, Guid.NewGuid().ToString());

    private async Task ShouldHaveNoDeals(IssuedKey bank) =>
        Assert.Empty((await (await market.Client(bank).GetAsync($"/api/v1/financiers/{bank.PartyId}/portfolio")).ShouldBe(200)).GetProperty("items").EnumerateArray());

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_blank_or_null_patent_in_a_pledge_application_is_400_naming_it(string? patent)
    {
        var (pledgor, bank, number) = await PledgorBankAndPatent();
        var body = await (await Apply(pledgor, Application(pledgor, bank, [number, patent])))
            .ShouldBeProblem(400, "validation_failed", "patents[1]");
        Assert.Single(body.GetProperty("errors").EnumerateObject());
        await (await Apply(pledgor, Application(pledgor, bank, [patent])))
            .ShouldBeProblem(400, "validation_failed", "patents[0]");
        await ShouldHaveNoDeals(bank);
    }

    [Fact]
    public async Task A_loan_whose_interest_cannot_be_represented_is_422_at_application_not_500_at_disbursement()
    {
        var (pledgor, bank, number) = await PledgorBankAndPatent();
        await market.Admin().AddValuation(number, 9_000_000_000_000_000_000, "2029-12-01");
        var huge = Application(pledgor, bank, [number], principal: 4_000_000_000_000_000_000, rateBps: 2_000, months: 360);
        var problem = await (await Apply(pledgor, huge))
            .ShouldBeProblem(422, "principal_too_large", "principal.amount");
        Assert.Contains("at most", problem.GetProperty("detail").GetString());
        await ShouldHaveNoDeals(bank);
    }

    [Theory]
    [InlineData("USD", 422, "currency_mismatch")]
    [InlineData("XXX", 400, "unknown_currency")]
    [InlineData("cny", 400, "unknown_currency")]
    [InlineData("", 400, "unknown_currency")]
    [InlineData("CNY'); DELETE FROM ledger_entries; --", 400, "unknown_currency")]
    public async Task A_repayment_in_another_currency_than_the_loans_is_refused_and_books_nothing(string currency, int status, string code)
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        var active = await market.Activate(cast);
        var bank = market.Client(cast.Bank);
        var principalBefore = await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id));

        await (await bank.PostWithKey($"{cast.Url}/repayments", new { amount = new { amount = 10_000_00, currency } }, Guid.NewGuid().ToString()))
            .ShouldBeProblem(status, code, "amount.currency");

        var after = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(active.Fen("outstandingPrincipal"), after.Fen("outstandingPrincipal"));
        Assert.Equal(principalBefore, await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        Assert.Equal(990_000_00, (await (await bank.Repay(cast, 10_000_00)).ShouldBe(200)).Fen("outstandingPrincipal"));
    }

    [Theory]
    [InlineData("Company")]
    [InlineData("COMPANY")]
    [InlineData("operatingCenter")]
    [InlineData("Operating_Center")]
    [InlineData("operating-center")]
    [InlineData("0")]
    public async Task Party_kinds_must_be_the_exact_snake_case_names(string kind)
    {
        var name = $"大小写 {Guid.NewGuid():N}";
        await (await market.Admin().PostJson("/api/v1/parties", new { name, kind })).ShouldBeProblem(400, "invalid_json", "kind");
        await (await market.Admin().SendRaw(HttpMethod.Post, "/api/v1/parties", $$"""{"name":"{{name}}","kind":0}""")).ShouldBeProblem(400, "invalid_json", "kind");
    }

    [Theory]
    [InlineData("INCOME")]
    [InlineData("Income")]
    [InlineData(" income")]
    public async Task Valuation_methods_must_be_the_exact_snake_case_names(string method)
    {
        var admin = market.Admin();
        var number = await admin.NewPatent(await admin.NewParty());
        var body = new Dictionary<string, object?> { ["value"] = new { amount = 100_00, currency = "CNY" }, ["method"] = method, ["effectiveDate"] = "2029-12-01" };
        await (await admin.PostJson($"/api/v1/patents/{number}/valuations", body)).ShouldBeProblem(400, "invalid_json", "method");
        Assert.Equal(JsonValueKind.Null, (await admin.GetPatent(number)).GetProperty("currentValuation").ValueKind);
    }

    [Theory]
    [InlineData("ADMIN")]
    [InlineData("Admin")]
    [InlineData("Operator")]
    public async Task Roles_of_an_api_key_must_be_the_exact_snake_case_names_so_ADMIN_issues_no_key(string role)
    {
        var admin = market.Admin();
        var party = await admin.NewParty();
        await (await admin.PostJson($"/api/v1/parties/{party}/api-keys", new { roles = new[] { "licensor", role } }))
            .ShouldBeProblem(400, "invalid_json", "roles[1]");
    }

    [Fact]
    public async Task The_openapi_document_still_lists_the_exact_enum_names()
    {
        var schemas = (await (await market.ClientWith(null).GetAsync("/openapi/v1.json")).ShouldBe(200)).GetProperty("components").GetProperty("schemas");
        Assert.Equal(["company", "university", "research_institute", "bank", "fund", "guarantor", "appraiser", "operating_center"],
            schemas.GetProperty("PartyKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var roles = schemas.GetProperty("IssueApiKeyRequest").GetProperty("properties").GetProperty("roles").GetProperty("items");
        Assert.Contains("admin", roles.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
