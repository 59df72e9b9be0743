using Dapper;
using Npgsql;

namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>Idempotency keys in <c>idempotency_keys</c>; the primary key makes a claim atomic across silos.</summary>
public sealed class PostgresIdempotencyStore(NpgsqlDataSource dataSource, MarketClock clock) : IIdempotencyStore
{
    private sealed record Row(string Fingerprint, int? Status, string? ContentType, string? Body, string? Location, DateTime CreatedAt);

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        while (true)
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at) VALUES (@scope, @key, @fingerprint, @now) ON CONFLICT DO NOTHING",
                new { scope, key, fingerprint, now });
            if (inserted == 1) return new IdempotencyClaim(ClaimOutcome.Claimed);

            var row = await connection.QuerySingleOrDefaultAsync<Row>(
                """
                SELECT fingerprint AS Fingerprint, status AS Status, content_type AS ContentType, body AS Body, location AS Location, created_at AS CreatedAt
                FROM idempotency_keys WHERE scope = @scope AND key = @key
                """, new { scope, key });
            if (row is null) continue;
            if (new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)) < now - IIdempotencyStore.Retention)
            {
                await connection.ExecuteAsync("DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND created_at = @CreatedAt",
                    new { scope, key, row.CreatedAt });
                continue;
            }
            return row.Fingerprint != fingerprint ? new IdempotencyClaim(ClaimOutcome.Mismatch)
                : row.Status is not { } status ? new IdempotencyClaim(ClaimOutcome.InProgress)
                : new IdempotencyClaim(ClaimOutcome.Replay, new StoredResponse(status, row.ContentType!, row.Body!, row.Location));
        }
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE idempotency_keys SET status = @Status, content_type = @ContentType, body = @Body, location = @Location, completed_at = now()
            WHERE scope = @scope AND key = @key
            """, new { scope, key, response.Status, response.ContentType, response.Body, response.Location });
    }

    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND status IS NULL", new { scope, key });
    }
}
