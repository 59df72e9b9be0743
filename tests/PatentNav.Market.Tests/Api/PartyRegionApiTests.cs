using Dapper;
using Npgsql;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Parties' GB/T 2260 region: at creation, by update, in the party view and the list; bad codes change nothing.</summary>
public sealed class PartyRegionApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task A_region_is_set_at_creation_and_by_update_and_shown_in_view_and_list()
    {
        var admin = app.Admin();
        var created = await (await admin.PostJson("/api/v1/parties", new { name = "杭州电池有限公司", kind = "company", region = "330106" })).ShouldBe(201);
        var id = created.Id();
        Assert.Equal("330106", created.GetProperty("region").GetString());

        var updated = await (await admin.PatchJson($"/api/v1/parties/{id}", new { region = "330100" })).ShouldBe(200);
        Assert.Equal("330100", updated.GetProperty("region").GetString());
        Assert.Equal("杭州电池有限公司", updated.GetProperty("name").GetString());   // left out: unchanged
        Assert.Equal("330100", (await (await admin.GetAsync($"/api/v1/parties/{id}")).ShouldBe(200)).GetProperty("region").GetString());

        var listed = await ListedRegion(admin, id);
        Assert.Equal("330100", listed);
        // The directory the landscape filters by follows the state, in its transaction.
        await using var db = new NpgsqlConnection(app.ConnectionString);
        Assert.Equal("330100", await db.ExecuteScalarAsync<string>("SELECT region FROM party_directory WHERE id = @id", new { id }));
    }

    [Theory]
    [InlineData("330006")]   // a county code without a prefecture
    [InlineData("990000")]   // no such province
    [InlineData("33010")]
    [InlineData("杭州")]
    public async Task A_bad_region_is_400_naming_region_and_changes_nothing(string region)
    {
        var admin = app.Admin();
        await using var db = new NpgsqlConnection(app.ConnectionString);
        var before = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM grain_state WHERE grain_type = 'party'");
        await (await admin.PostJson("/api/v1/parties", new { name = "X", kind = "company", region })).ShouldBeProblem(400, "invalid_region", "region");
        Assert.Equal(before, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM grain_state WHERE grain_type = 'party'"));

        var id = await app.CreateParty();
        var version = await db.ExecuteScalarAsync<long>("SELECT version FROM grain_state WHERE grain_type = 'party' AND grain_key = @id", new { id });
        await (await admin.PatchJson($"/api/v1/parties/{id}", new { region })).ShouldBeProblem(400, "invalid_region", "region");
        Assert.Equal(version, await db.ExecuteScalarAsync<long>("SELECT version FROM grain_state WHERE grain_type = 'party' AND grain_key = @id", new { id }));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await (await admin.GetAsync($"/api/v1/parties/{id}")).ShouldBe(200)).GetProperty("region").ValueKind);
    }

    [Fact]
    public async Task Only_the_admin_updates_a_party_and_an_unknown_one_is_404()
    {
        var id = await app.CreateParty();
        var key = await app.NewKey("operating_center", "operator");
        Assert.Equal(403, (int)(await app.Client(key).PatchJson($"/api/v1/parties/{id}", new { region = "330100" })).StatusCode);
        await (await app.Admin().PatchJson("/api/v1/parties/pty_0000000000000000", new { region = "330100" })).ShouldBeProblem(404, "party_not_found");
    }

    private static async Task<string?> ListedRegion(HttpClient admin, string id)
    {
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/v1/parties?limit=100{(cursor is null ? "" : "&cursor=" + cursor)}")).ShouldBe(200);
            foreach (var p in page.GetProperty("items").EnumerateArray())
                if (p.GetProperty("id").GetString() == id) return p.GetProperty("region").GetString();
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        throw new Xunit.Sdk.XunitException($"{id} is not listed");
    }
}
