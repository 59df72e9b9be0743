using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Creating pools, the public pool list and pool page, members, and who may change a pool.</summary>
public sealed class PoolsApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task An_operator_creates_a_pool_it_administers_and_anyone_reads_it_without_a_token()
    {
        var op = await app.NewKey("operating_center", "operator");
        var body = PoolSteps.PoolBody(op.PartyId, name: " 新能源汽车专利池 ", currency: "CNY", categories: ["vehicle", "charger"]);
        body["memberTerms"] = "same_as_licensees";
        body["distributionPeriod"] = "half_yearly";
        var response = await app.Client(op).PostJson("/api/v1/pools", body);
        var created = await response.ShouldBe(201);

        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^pool_[0-9a-f]{16}$", id);
        Assert.Equal($"/api/v1/pools/{id}", response.Headers.Location?.OriginalString);
        var charter = created.GetProperty("charter");
        Assert.Equal("新能源汽车专利池", charter.GetProperty("name").GetString());
        Assert.Equal(op.PartyId, charter.GetProperty("administratorId").GetString());
        Assert.Equal(["vehicle", "charger"], charter.GetProperty("productCategories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("same_as_licensees", "half_yearly", false, 2_000, 1_500),
            (charter.GetProperty("memberTerms").GetString(), charter.GetProperty("distributionPeriod").GetString(),
             charter.GetProperty("essentialityReviewRequired").GetBoolean(), charter.GetProperty("maxIncreaseBps").GetInt32(),
             charter.GetProperty("adminFeeBps").GetInt32()));

        var anonymous = app.ClientWith(null);
        var read = await (await anonymous.GetAsync($"/api/v1/pools/{id}")).ShouldBe(200);
        Assert.Equal("CNY", read.GetProperty("charter").GetProperty("currency").GetString());
        foreach (var list in new[] { "members", "patents", "rateCards", "licensees" })
            Assert.Equal(0, read.GetProperty(list).GetArrayLength());

        var listed = await (await anonymous.GetAsync("/api/v1/pools")).ShouldBe(200);
        var entry = Assert.Single(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.Equal(("新能源汽车专利池", op.PartyId, "CNY"),
            (entry.GetProperty("name").GetString(), entry.GetProperty("administratorId").GetString(), entry.GetProperty("currency").GetString()));
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), entry.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_administrator_must_be_an_existing_operating_center()
    {
        var company = await app.CreateParty("普通企业", "company");
        var admin = app.Admin();
        await (await admin.PostJson("/api/v1/pools", PoolSteps.PoolBody(company))).ShouldBeProblem(422, "administrator_not_operating_center", "administratorId");
        await (await admin.PostJson("/api/v1/pools", PoolSteps.PoolBody("pty_ffffffffffffffff"))).ShouldBeProblem(422, "unknown_party", "administratorId");
        var center = await app.CreateParty("运营中心", "operating_center");
        await (await admin.PostJson("/api/v1/pools", PoolSteps.PoolBody(center))).ShouldBe(201);
    }

    public static TheoryData<string, object?, int, string, string> BadCharters => new()
    {
        { "name", " ", 400, "validation_failed", "name" },
        { "name", null, 400, "validation_failed", "name" },
        { "currency", "RMB", 400, "unknown_currency", "currency" },
        { "currency", null, 400, "validation_failed", "currency" },
        { "productCategories", Array.Empty<string>(), 400, "required", "productCategories" },
        { "productCategories", new[] { "decoder", "decoder" }, 400, "duplicate_category", "productCategories[1]" },
        { "adminFeeBps", 10_001, 400, "invalid_bps", "adminFeeBps" },
        { "adminFeeBps", -5, 400, "invalid_bps", "adminFeeBps" },
        { "adminFeeBps", null, 400, "validation_failed", "adminFeeBps" },
        { "maxIncreaseBps", -1, 400, "invalid_bps", "maxIncreaseBps" },
        { "memberTerms", "discretionary", 400, "invalid_json", "memberTerms" },
        { "distributionPeriod", "monthly", 400, "invalid_json", "distributionPeriod" },
        { "adminFee", 10, 400, "invalid_json", "adminFee" },
    };

    [Theory]
    [MemberData(nameof(BadCharters))]
    public async Task Bad_charters_are_problem_json_naming_the_field_and_create_nothing(string field, object? value, int status, string code, string errorField)
    {
        var op = await app.NewKey("operating_center", "operator");
        var name = "Bad pool " + Guid.NewGuid().ToString("N");
        var body = PoolSteps.PoolBody(op.PartyId, name: name);
        body[field] = value;
        await (await app.Client(op).PostJson("/api/v1/pools", body)).ShouldBeProblem(status, code, errorField);

        var listed = await (await app.ClientWith(null).GetAsync("/api/v1/pools")).ShouldBe(200);
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("administratorId").GetString() == op.PartyId);
    }

    [Fact]
    public async Task Only_operators_change_pools_and_only_the_pools_own_administrator()
    {
        var pool = await app.NewPool();
        var member = await app.CreateParty();
        var otherOperator = await app.NewKey("operating_center", "operator");
        var licensee = await app.NewKey("company", "licensee");

        await (await app.ClientWith(null).PostJson("/api/v1/pools", PoolSteps.PoolBody(pool.Administrator.PartyId))).ShouldBeProblem(401, "unauthenticated");
        await (await app.Client(licensee).PostJson("/api/v1/pools", PoolSteps.PoolBody(pool.Administrator.PartyId))).ShouldBeProblem(403, "forbidden");
        await (await app.Client(otherOperator).PostJson("/api/v1/pools", PoolSteps.PoolBody(pool.Administrator.PartyId))).ShouldBeProblem(403, "forbidden", "administratorId");

        await (await app.Client(licensee).PostJson($"{pool.Url}/members", new { partyId = member })).ShouldBeProblem(403, "forbidden");
        await (await app.Client(otherOperator).PostJson($"{pool.Url}/members", new { partyId = member })).ShouldBeProblem(403, "forbidden");
        await (await app.Client(otherOperator).PostJson($"{pool.Url}/rate-cards", PoolSteps.AvcCard())).ShouldBeProblem(403, "forbidden");
        Assert.Equal(0, (await app.ClientWith(null).GetPool(pool)).GetProperty("members").GetArrayLength());

        // The admin passes, and so does the administrator.
        await (await app.Admin().PostJson($"{pool.Url}/members", new { partyId = member })).ShouldBe(200);
        await app.AddMember(pool, await app.CreateParty());
        Assert.Equal(2, (await app.ClientWith(null).GetPool(pool)).GetProperty("members").GetArrayLength());
    }

    public static TheoryData<string, string> OperatorEndpoints => new()
    {
        { "POST", "/members" },
        { "POST", "/patents" },
        { "DELETE", "/patents/201710601862.3" },
        { "POST", "/rate-cards" },
        { "POST", "/refusals" },
        { "DELETE", "/refusals/pty_0000000000000000/uncured_breach" },
    };

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task Pool_changes_are_401_without_a_token_and_403_for_other_roles(string method, string path)
    {
        var pool = await app.NewPool();
        HttpRequestMessage Request() => new(new HttpMethod(method), pool.Url + path)
        {
            Content = method == "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        await (await app.ClientWith(null).SendAsync(Request())).ShouldBeProblem(401, "unauthenticated");
        var licensor = await app.NewKey("company", "licensor", "licensee", "financier", "appraiser");
        await (await app.Client(licensor).SendAsync(Request())).ShouldBeProblem(403, "forbidden");
    }

    [Fact]
    public async Task Members_must_exist_and_adding_one_twice_changes_nothing()
    {
        var pool = await app.NewPool();
        var party = await app.CreateParty();
        var client = app.Client(pool.Administrator);

        var first = await (await client.PostJson($"{pool.Url}/members", new { partyId = party })).ShouldBe(200);
        var again = await (await client.PostJson($"{pool.Url}/members", new { partyId = party })).ShouldBe(200);
        var member = Assert.Single(again.GetProperty("members").EnumerateArray());
        Assert.Equal(party, member.GetProperty("partyId").GetString());
        Assert.Equal(PoolSteps.Today.Iso(), member.GetProperty("joinedOn").GetString());
        Assert.Equal(first.GetProperty("members").ToString(), again.GetProperty("members").ToString());

        await (await client.PostJson($"{pool.Url}/members", new { partyId = "pty_ffffffffffffffff" })).ShouldBeProblem(422, "unknown_party", "partyId");
        await (await client.PostJson($"{pool.Url}/members", new { partyId = "" })).ShouldBeProblem(400, "required", "partyId");
        await (await client.PostJson($"{pool.Url}/members", new { })).ShouldBeProblem(400, "required", "partyId");
        Assert.Single((await client.GetPool(pool)).GetProperty("members").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_pool_is_404_everywhere()
    {
        const string url = "/api/v1/pools/pool_0000000000000000";
        var anonymous = app.ClientWith(null);
        await (await anonymous.GetAsync(url)).ShouldBeProblem(404, "pool_not_found");
        await (await anonymous.GetAsync($"{url}/rate-cards")).ShouldBeProblem(404, "pool_not_found");
        await (await anonymous.GetAsync($"{url}/quote?category=decoder&region=US&units=1")).ShouldBeProblem(404, "pool_not_found");
        await (await app.Admin().PostJson($"{url}/members", new { partyId = await app.CreateParty() })).ShouldBeProblem(404, "pool_not_found");
        await (await app.Admin().DeleteAsync($"{url}/patents/201710601862.3")).ShouldBeProblem(404, "pool_not_found");
    }

    [Fact]
    public async Task Pool_json_uses_camel_case_and_snake_case_enums()
    {
        var pool = await app.NewPool();
        var text = await (await app.ClientWith(null).GetAsync(pool.Url)).Content.ReadAsStringAsync();
        Assert.Contains("\"memberTerms\":\"royalty_free\"", text);
        Assert.Contains("\"distributionPeriod\":\"quarterly\"", text);
        Assert.DoesNotContain("\"Charter\"", text);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.GetProperty("charter").ValueKind);
    }
}
