using Dapper;
using Npgsql;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Idempotency;

/// <summary>
/// <c>idempotency_effects</c> records every grain write of a request under its key: one row per (grain, version), naming
/// the grain. The storage once bound the grain key to the idempotency key (Npgsql matches parameter names
/// case-insensitively, and the insert had both <c>@Key</c> and <c>@key</c>), so the two patents a transfer claims — same
/// state type, same version — collided on the primary key and the request failed with 500 (hidden since by
/// <c>ON CONFLICT DO NOTHING</c>, which dropped the second grain's record).
/// </summary>
public sealed class IdempotencyEffectsTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task A_request_that_writes_two_grains_of_one_kind_at_the_same_version_records_each_under_its_own_key()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var (first, second) = (await admin.NewPatent(cast.Seller.PartyId), await admin.NewPatent(cast.Seller.PartyId));
        var key = Guid.NewGuid().ToString();

        var opened = await (await app.Client(cast.Seller).OpenTransfer(TransferSteps.TransferBody(cast, [first, second]), key)).ShouldBe(201);
        var transferId = opened.TransferId();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var effects = (await connection.QueryAsync<(string GrainType, string GrainKey, long Version)>(
            "SELECT grain_type, grain_key, version FROM idempotency_effects WHERE key = @key ORDER BY grain_type, grain_key", new { key })).ToList();
        var patents = effects.Where(e => e.GrainType == "patent").ToList();
        // Both claims: each patent's own key, each at the version after its registration.
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), patents.Select(e => e.GrainKey));
        Assert.All(patents, e => Assert.Equal(2, e.Version));
        Assert.Contains(effects, e => e.GrainType == "transfer" && e.GrainKey == transferId && e.Version == 1);
        Assert.DoesNotContain(effects, e => e.GrainKey == key);
    }
}
