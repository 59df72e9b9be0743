using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>A pool's public licensee list from <c>pool_licensees</c> (migration 0015): keyset pages on the partial index of current rows.</summary>
public sealed class PostgresPoolLicensees(NpgsqlDataSource dataSource) : IPoolLicensees
{
    public async Task<PoolLicenseePage> Current(string poolId, long after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One row more than the page tells whether another page follows, without counting the pool's rows.
        var rows = (await connection.QueryAsync<(string LicenceId, string LicenseeId, DateTime Start, int Version, bool RoyaltyFree, long Seq)>(
            """
            SELECT licence_id, licensee_id, start::timestamp, locked_rate_card_version, royalty_free, seq FROM pool_licensees
            WHERE pool_id = @poolId AND ended_on IS NULL AND seq > @after ORDER BY seq LIMIT @take
            """, new { poolId, after, take = limit + 1 })).ToList();
        var page = rows.Take(limit).ToList();
        return new PoolLicenseePage(
            [.. page.Select(r => new PoolLicensee(r.LicenceId, r.LicenseeId, DateOnly.FromDateTime(r.Start), r.Version, r.RoyaltyFree))],
            rows.Count > limit ? page[^1].Seq : null);
    }
}
