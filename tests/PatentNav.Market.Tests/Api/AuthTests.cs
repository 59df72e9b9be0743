using System.Net.Http.Headers;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

public sealed class AuthTests(MarketApp app) : IClassFixture<MarketApp>
{
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/v1/patents" },
        { "GET", "/api/v1/patents/201710601862.3" },
        { "GET", "/api/v1/patents/201710601862.3/history" },
        { "POST", "/api/v1/patents" },
        { "PATCH", "/api/v1/patents/201710601862.3" },
        { "POST", "/api/v1/patents/201710601862.3/valuations" },
        { "POST", "/api/v1/parties" },
        { "GET", "/api/v1/parties/pty_0000000000000000" },
        { "POST", "/api/v1/parties/pty_0000000000000000/api-keys" },
    };

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Without_a_token_every_api_endpoint_is_401(string method, string path)
    {
        var response = await app.ClientWith(null).SendAsync(Request(method, path));
        await response.ShouldBeProblem(401, "unauthenticated");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task An_unknown_token_is_401(string method, string path)
    {
        var response = await app.ClientWith("pnm_" + new string('A', 43)).SendAsync(Request(method, path));
        await response.ShouldBeProblem(401, "unauthenticated");
    }

    [Theory]
    [InlineData("Bearer not-a-known-token")]
    [InlineData("Bearer " + MarketApp.AdminToken + "x")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData(MarketApp.AdminToken)]
    public async Task Malformed_or_wrong_authorization_is_401(string header)
    {
        var client = app.ClientWith(null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patents");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        await (await client.SendAsync(request)).ShouldBeProblem(401, "unauthenticated");
    }

    [Fact]
    public async Task A_very_long_token_is_401()
    {
        await (await app.ClientWith(new string('x', 5000)).GetAsync("/api/v1/patents")).ShouldBeProblem(401, "unauthenticated");
    }

    [Fact]
    public async Task The_admin_token_is_accepted()
    {
        await (await app.Admin().GetAsync("/api/v1/patents")).ShouldBe(200);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patents");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + MarketApp.AdminToken);
        await (await app.ClientWith(null).SendAsync(request)).ShouldBe(200);
    }

    [Fact]
    public async Task A_key_of_a_revoked_or_never_issued_token_does_not_work_but_an_issued_one_does()
    {
        var key = await app.NewKey("company", "licensee");
        await (await app.Client(key).GetAsync("/api/v1/patents")).ShouldBe(200);
        // The same token with one character changed is unknown.
        var last = key.Token[^1] == 'A' ? 'B' : 'A';
        await (await app.ClientWith(key.Token[..^1] + last).GetAsync("/api/v1/patents")).ShouldBeProblem(401, "unauthenticated");
    }

    [Fact]
    public async Task A_licensee_cannot_register_a_patent()
    {
        var owner = await app.CreateParty();
        var licensee = await app.NewKey("company", "licensee");
        var number = ApiSteps.NewNumber();
        await (await app.Client(licensee).PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner))).ShouldBeProblem(403, "forbidden");
        await app.Admin().ShouldNotBeRegistered(number);
        Assert.Empty(await app.Admin().SearchNumbers($"owner={owner}"));
    }

    [Theory]
    [InlineData("licensor")]
    [InlineData("licensee")]
    [InlineData("financier")]
    [InlineData("appraiser")]
    public async Task Only_operators_register_and_update(string role)
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(number, owner);
        var client = app.Client(await app.NewKey("company", role));

        await (await client.PostJson("/api/v1/patents", ApiSteps.PatentBody(ApiSteps.NewNumber(), owner))).ShouldBeProblem(403, "forbidden");
        await (await client.PatchJson($"/api/v1/patents/{number}", new { title = "Hijacked" })).ShouldBeProblem(403, "forbidden");

        // Reading is open to every key.
        Assert.Equal(owner, (await client.GetPatent(number)).GetProperty("ownerIds")[0].GetString());
        Assert.Single(await client.History(number));
        Assert.Equal([number], await client.SearchNumbers($"owner={owner}"));
    }

    [Theory]
    [InlineData("licensor")]
    [InlineData("licensee")]
    [InlineData("financier")]
    public async Task Only_appraisers_and_operators_add_valuations(string role)
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(number, owner);
        var client = app.Client(await app.NewKey("company", role));
        await (await client.PostJson($"/api/v1/patents/{number}/valuations", new { value = new { amount = 100L, currency = "CNY" }, method = "cost", effectiveDate = "2024-01-01" }))
            .ShouldBeProblem(403, "forbidden");
        Assert.Equal(0, (await app.Admin().GetPatent(number)).GetProperty("valuations").GetArrayLength());
    }

    [Fact]
    public async Task Roles_are_checked_before_the_body_is_read()
    {
        var licensee = await app.NewKey("company", "licensee");
        await (await app.Client(licensee).SendRaw(HttpMethod.Post, "/api/v1/patents", "{ not json")).ShouldBeProblem(403, "forbidden");
    }

    [Fact]
    public async Task A_key_with_several_roles_gets_each()
    {
        var owner = await app.CreateParty();
        var key = await app.NewKey("operating_center", "licensee", "operator");
        var number = ApiSteps.NewNumber();
        var created = await app.Client(key).RegisterPatent(number, owner);
        Assert.Equal(number, created.GetProperty("number").GetString());
        Assert.Equal(key.Caller, (await app.Admin().History(number))[0].GetProperty("caller").GetString());
    }

    [Fact]
    public async Task Health_endpoints_need_no_token()
    {
        var anonymous = app.ClientWith(null);
        Assert.Equal(200, (int)(await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(200, (int)(await anonymous.GetAsync("/health/ready")).StatusCode);
        // A bad token does not break them either.
        Assert.Equal(200, (int)(await app.ClientWith("bogus").GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_served_without_a_token()
    {
        var response = await app.ClientWith(null).GetAsync("/openapi/v1.json");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/parties", "/api/v1/parties/{id}", "/api/v1/parties/{id}/api-keys", "/api/v1/patents", "/api/v1/patents/{number}", "/api/v1/patents/{number}/valuations", "/api/v1/patents/{number}/history" })
            Assert.True(paths.TryGetProperty(path, out _) || paths.TryGetProperty(path + "/", out _), $"{path} is not documented");
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_docs_without_a_token()
    {
        var response = await app.ClientWith(null).GetAsync("/docs");
        Assert.Equal(200, (int)response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html, StringComparison.OrdinalIgnoreCase);

        var index = await app.ClientWith(null).GetAsync("/docs/index.html");
        Assert.Equal(200, (int)index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
    }
}
