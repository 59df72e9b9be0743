using System.Text.Json;
using Npgsql;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

public sealed class PartiesApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task Admin_creates_a_party_and_reads_it_back()
    {
        var admin = app.Admin();
        var response = await admin.PostJson("/api/v1/parties", new { name = "  中国科学院物理研究所 ", kind = "research_institute", creditCode = "12100000400010398P" });
        var created = await response.ShouldBe(201);

        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("pty_", id);
        Assert.Equal($"/api/v1/parties/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("中国科学院物理研究所", created.GetProperty("name").GetString());
        Assert.Equal("research_institute", created.GetProperty("kind").GetString());
        Assert.Equal("CN", created.GetProperty("country").GetString());
        Assert.Equal(0, created.GetProperty("apiKeys").GetArrayLength());

        var read = await (await admin.GetAsync($"/api/v1/parties/{id}")).ShouldBe(200);
        Assert.Equal(id, read.GetProperty("id").GetString());
        Assert.Equal("research_institute", read.GetProperty("kind").GetString());
        Assert.Equal("12100000400010398P", read.GetProperty("creditCode").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), read.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("company")]
    [InlineData("university")]
    [InlineData("bank")]
    [InlineData("operating_center")]
    [InlineData("appraiser")]
    public async Task Party_kinds_travel_as_snake_case(string kind)
    {
        var body = await (await app.Admin().PostJson("/api/v1/parties", new { name = "Party " + kind, kind, country = "HK" })).ShouldBe(201);
        Assert.Equal(kind, body.GetProperty("kind").GetString());
        Assert.Equal("HK", body.GetProperty("country").GetString());
    }

    [Fact]
    public async Task Unknown_party_is_404()
    {
        await (await app.Admin().GetAsync("/api/v1/parties/pty_0000000000000000")).ShouldBeProblem(404, "party_not_found");
    }

    [Fact]
    public async Task Party_needs_name_and_kind()
    {
        var body = await (await app.Admin().PostJson("/api/v1/parties", new { country = "CN" })).ShouldBeProblem(400, "validation_failed", "name");
        Assert.True(body.GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Theory]
    [InlineData("""{"name":"A","kind":"startup"}""", "invalid_json", "kind")]
    [InlineData("""{"name":"A","kind":"company","country":"china"}""", "invalid_country", "country")]
    [InlineData("""{"name":"A","kind":"company","creditCode":"123"}""", "invalid_credit_code", "creditCode")]
    [InlineData("""{"name":"   ","kind":"company"}""", "validation_failed", "name")]
    [InlineData("""{"name":"A","kind":"company","website":"x"}""", "invalid_json", "website")]
    public async Task Invalid_party_is_400_naming_the_field(string json, string code, string field)
    {
        await (await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/parties", json)).ShouldBeProblem(400, code, field);
    }

    [Fact]
    public async Task Admin_issues_a_key_shown_once_and_listed_without_its_token()
    {
        var admin = app.Admin();
        var party = await app.CreateParty("北京专利运营中心", "operating_center");

        var response = await admin.PostJson($"/api/v1/parties/{party}/api-keys", new { roles = new[] { "operator", "appraiser" } });
        var issued = await response.ShouldBe(201);
        var token = issued.GetProperty("token").GetString()!;
        var keyId = issued.GetProperty("keyId").GetString()!;
        Assert.StartsWith("pnm_", token);
        Assert.Matches("^key_[0-9a-f]{12}$", keyId);
        Assert.Equal(["operator", "appraiser"], issued.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var read = await admin.GetAsync($"/api/v1/parties/{party}");
        var text = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, text);
        var keys = JsonDocument.Parse(text).RootElement.GetProperty("apiKeys");
        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal(keyId, key.GetProperty("keyId").GetString());
        Assert.Equal(["operator", "appraiser"], key.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_hashes()
    {
        var key = await app.NewKey("company", "licensor");

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "grain_state", "grain_journal" })
        {
            var column = table == "grain_state" ? "payload" : "changes";
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {column}::text LIKE '%' || @secret || '%'", connection);
            command.Parameters.AddWithValue("secret", key.Token["pnm_".Length..]);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        // The key still works: the token is recognised by its hash.
        Assert.Equal(200, (int)(await app.Client(key).GetAsync($"/api/v1/parties/{key.PartyId}")).StatusCode);
    }

    [Fact]
    public async Task A_key_acts_for_its_party()
    {
        var mine = await app.NewKey("company", "licensor");
        var other = await app.NewKey("company", "licensor");
        var client = app.Client(mine);

        var own = await (await client.GetAsync($"/api/v1/parties/{mine.PartyId}")).ShouldBe(200);
        Assert.Equal(mine.KeyId, Assert.Single(own.GetProperty("apiKeys").EnumerateArray()).GetProperty("keyId").GetString());

        // Another party's key listing is not shown to it.
        var theirs = await (await client.GetAsync($"/api/v1/parties/{other.PartyId}")).ShouldBe(200);
        Assert.Equal(other.PartyId, theirs.GetProperty("id").GetString());
        Assert.Equal(0, theirs.GetProperty("apiKeys").GetArrayLength());
    }

    [Fact]
    public async Task The_journal_names_a_key_caller_as_party_slash_key()
    {
        var op = await app.NewKey("operating_center", "operator");
        var number = ApiSteps.NewNumber();
        await app.Client(op).RegisterPatent(number, op.PartyId);
        await app.Admin().AddValuation(number, 1_000_000_00, "2024-01-15");

        var history = await app.Admin().History(number);
        Assert.Equal(op.Caller, history[0].GetProperty("caller").GetString());
        Assert.Matches("^pty_[0-9a-f]+/key_[0-9a-f]{12}$", history[0].GetProperty("caller").GetString());
        Assert.Equal("admin", history[1].GetProperty("caller").GetString());
    }

    [Fact]
    public async Task Key_needs_at_least_one_known_role()
    {
        var admin = app.Admin();
        var party = await app.CreateParty();
        await (await admin.PostJson($"/api/v1/parties/{party}/api-keys", new { roles = Array.Empty<string>() })).ShouldBeProblem(400, "required", "roles");
        await (await admin.PostJson($"/api/v1/parties/{party}/api-keys", new { })).ShouldBeProblem(400, "required", "roles");
        await (await admin.SendRaw(HttpMethod.Post, $"/api/v1/parties/{party}/api-keys", """{"roles":["superuser"]}""")).ShouldBeProblem(400, "invalid_json", "roles[0]");
        await (await admin.SendRaw(HttpMethod.Post, $"/api/v1/parties/{party}/api-keys", """{"roles":"operator"}""")).ShouldBeProblem(400, "invalid_json", "roles");

        var read = await (await admin.GetAsync($"/api/v1/parties/{party}")).ShouldBe(200);
        Assert.Equal(0, read.GetProperty("apiKeys").GetArrayLength());
    }

    [Fact]
    public async Task Key_for_unknown_party_is_404()
    {
        await (await app.Admin().PostJson("/api/v1/parties/pty_ffffffffffffffff/api-keys", new { roles = new[] { "operator" } }))
            .ShouldBeProblem(404, "party_not_found");
    }

    [Fact]
    public async Task Every_role_can_be_granted()
    {
        var party = await app.CreateParty();
        var roles = new[] { "admin", "operator", "licensor", "licensee", "financier", "appraiser" };
        var body = await (await app.Admin().PostJson($"/api/v1/parties/{party}/api-keys", new { roles })).ShouldBe(201);
        Assert.Equal(roles, body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_key_with_the_admin_role_may_manage_parties()
    {
        var key = await app.NewKey("operating_center", "admin");
        var client = app.Client(key);
        var created = await (await client.PostJson("/api/v1/parties", new { name = "Delegated", kind = "fund" })).ShouldBe(201);
        await (await client.PostJson($"/api/v1/parties/{created.GetProperty("id").GetString()}/api-keys", new { roles = new[] { "financier" } })).ShouldBe(201);
    }

    [Fact]
    public async Task Only_the_admin_creates_parties_and_keys()
    {
        var op = await app.NewKey("operating_center", "operator", "licensor", "licensee", "financier", "appraiser");
        var client = app.Client(op);
        await (await client.PostJson("/api/v1/parties", new { name = "Sneaky", kind = "company" })).ShouldBeProblem(403, "forbidden");
        await (await client.PostJson($"/api/v1/parties/{op.PartyId}/api-keys", new { roles = new[] { "admin" } })).ShouldBeProblem(403, "forbidden");

        var read = await (await app.Admin().GetAsync($"/api/v1/parties/{op.PartyId}")).ShouldBe(200);
        Assert.Single(read.GetProperty("apiKeys").EnumerateArray());
    }
}
