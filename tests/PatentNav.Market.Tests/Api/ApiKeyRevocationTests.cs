using Microsoft.AspNetCore.Mvc.Testing;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// API keys are revoked and rotated; a revoked key is refused by every silo and gateway at once. Two silos of one
/// cluster on one database, each co-hosting a REST gateway: the key is resolved through its grain (one activation in
/// the cluster) on every request, and nothing caches it.
/// </summary>
public sealed class ApiKeyRevocationTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static string Party(IssuedKey key) => $"/api/v1/parties/{key.PartyId}";

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_through_both_gateways_of_a_two_silo_cluster()
    {
        await using var second = app.WithWebHostBuilder(_ => { });
        var key = await app.NewKey("company", "licensee");
        var (first, other) = (app.Client(key), second.ClientWith(key.Token));
        await (await first.GetAsync(Party(key))).ShouldBe(200);
        await (await other.GetAsync(Party(key))).ShouldBe(200);
        var silos = (await (await second.ClientWith(MarketApp.AdminToken).GetAsync("/api/v1/cluster")).ShouldBe(200)).GetProperty("silos")
            .EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active");
        Assert.Equal(2, silos);

        // The key revokes itself through the second gateway; the very next request through the first is refused.
        var revoked = await (await other.DeleteAsync($"{Party(key)}/api-keys/{key.KeyId}")).ShouldBe(200);
        Assert.Equal(key.KeyId, revoked.GetProperty("keyId").GetString());
        await (await first.GetAsync(Party(key))).ShouldBeProblem(401, "unauthenticated");
        await (await other.GetAsync(Party(key))).ShouldBeProblem(401, "unauthenticated");

        // The party lists it as revoked; revoking again changes nothing.
        var listed = (await (await app.Admin().GetAsync(Party(key))).ShouldBe(200)).GetProperty("apiKeys").EnumerateArray().Single();
        Assert.Equal(revoked.GetProperty("revokedAt").GetDateTimeOffset(), listed.GetProperty("revokedAt").GetDateTimeOffset());
        var again = await (await app.Admin().DeleteAsync($"{Party(key)}/api-keys/{key.KeyId}")).ShouldBe(200);
        Assert.Equal(revoked.GetProperty("revokedAt").GetDateTimeOffset(), again.GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Rotation_gives_a_new_token_with_the_same_roles_refuses_the_old_one_and_replays_on_retry()
    {
        var key = await app.NewKey("operating_center", "operator", "licensor");
        var url = $"{Party(key)}/api-keys/{key.KeyId}/rotate";
        var idempotencyKey = Guid.NewGuid().ToString();

        var rotated = await (await app.Admin().PostWithKey(url, null, idempotencyKey)).ShouldBe(201);
        var token = rotated.GetProperty("token").GetString()!;
        Assert.NotEqual(key.Token, token);
        Assert.Equal(["operator", "licensor"], rotated.GetProperty("roles").Strings());
        var replay = await (await app.Admin().PostWithKey(url, null, idempotencyKey)).ShouldBe(201);
        Assert.Equal(token, replay.GetProperty("token").GetString());

        await (await app.Client(key).GetAsync(Party(key))).ShouldBeProblem(401, "unauthenticated");
        // The new key works with the old key's roles: an operator-only endpoint.
        await (await app.ClientWith(token).GetAsync("/api/v1/parties")).ShouldBe(200);
        var keys = (await (await app.ClientWith(token).GetAsync(Party(key))).ShouldBe(200)).GetProperty("apiKeys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal(rotated.GetProperty("keyId").GetString(), keys[0].GetProperty("replacedBy").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, keys[1].GetProperty("revokedAt").ValueKind);

        // A rotated (revoked) key cannot be rotated again under another idempotency key.
        await (await app.Admin().PostWithKey(url, null, Guid.NewGuid().ToString())).ShouldBeProblem(409, "api_key_revoked", "keyId");
    }

    [Fact]
    public async Task Only_the_party_itself_or_the_admin_manages_its_keys_and_unknown_keys_are_404()
    {
        var key = await app.NewKey("company", "licensee");
        var stranger = await app.NewKey("company", "licensor", "operator");
        await (await app.Client(stranger).DeleteAsync($"{Party(key)}/api-keys/{key.KeyId}")).ShouldBeProblem(403, "forbidden");
        await (await app.Client(stranger).PostWithKey($"{Party(key)}/api-keys/{key.KeyId}/rotate", null, Guid.NewGuid().ToString())).ShouldBeProblem(403, "forbidden");
        await (await app.Admin().DeleteAsync($"{Party(key)}/api-keys/key_000000000000")).ShouldBeProblem(404, "api_key_not_found", "keyId");
        await (await app.Admin().DeleteAsync($"/api/v1/parties/pty_ffffffffffffffff/api-keys/{key.KeyId}")).ShouldBeProblem(404, "party_not_found");
        await (await app.Admin().PostAsync($"{Party(key)}/api-keys/{key.KeyId}/rotate", null)).ShouldBeProblem(400, "idempotency_key_required");

        // None of that touched the key.
        await (await app.Client(key).GetAsync(Party(key))).ShouldBe(200);
    }
}
