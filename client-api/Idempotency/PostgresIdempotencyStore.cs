using Dapper;
using Npgsql;

namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>
/// Idempotency keys in <c>idempotency_keys</c>; the primary key makes a claim atomic across silos,
/// and a takeover is a compare-and-set on the attempt number. Whether an earlier attempt's work
/// committed is read from <c>idempotency_effects</c>, which the grain storage writes in the same
/// transaction as that work.
/// </summary>
public sealed class PostgresIdempotencyStore(NpgsqlDataSource dataSource, MarketClock clock) : IIdempotencyStore
{
    private sealed record Row(string Fingerprint, int? Status, string? ContentType, string? Body, string? Location, DateTime CreatedAt, long Attempt, DateTime? LockedUntil);

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var lockedUntil = now + lease;
        while (true)
        {
            var inserted = await connection.ExecuteAsync(
                """
                INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, attempt, locked_until)
                VALUES (@scope, @key, @fingerprint, @now, 1, @lockedUntil) ON CONFLICT DO NOTHING
                """, new { scope, key, fingerprint, now, lockedUntil });
            if (inserted == 1) return new IdempotencyClaim(ClaimOutcome.Claimed, Attempt: 1);

            var row = await connection.QuerySingleOrDefaultAsync<Row>(
                """
                SELECT fingerprint AS Fingerprint, status AS Status, content_type AS ContentType, body AS Body, location AS Location,
                       created_at AS CreatedAt, attempt AS Attempt, locked_until AS LockedUntil
                FROM idempotency_keys WHERE scope = @scope AND key = @key
                """, new { scope, key });
            if (row is null) continue;
            if (Utc(row.CreatedAt) < now - IIdempotencyStore.Retention)
            {
                await connection.ExecuteAsync(
                    """
                    WITH gone AS (DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND created_at = @CreatedAt RETURNING scope, key)
                    DELETE FROM idempotency_effects e USING gone WHERE e.scope = gone.scope AND e.key = gone.key
                    """, new { scope, key, row.CreatedAt });
                continue;
            }
            if (row.Fingerprint != fingerprint) return new IdempotencyClaim(ClaimOutcome.Mismatch);
            if (row.Status is { } status)
                return new IdempotencyClaim(ClaimOutcome.Replay, new StoredResponse(status, row.ContentType!, row.Body!, row.Location));
            if (row.LockedUntil is { } until && Utc(until) > now) return new IdempotencyClaim(ClaimOutcome.InProgress);

            // The lease is over: take the key over. The compare-and-set on the attempt lets one of
            // several retries win; it waits for a grain write of the old attempt still in its transaction.
            var attempt = await connection.QuerySingleOrDefaultAsync<long?>(
                """
                UPDATE idempotency_keys SET attempt = attempt + 1, locked_until = @lockedUntil
                WHERE scope = @scope AND key = @key AND attempt = @Attempt AND status IS NULL
                RETURNING attempt
                """, new { scope, key, lockedUntil, row.Attempt });
            if (attempt is null) continue;
            var committed = await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM idempotency_effects WHERE scope = @scope AND key = @key)", new { scope, key });
            return new IdempotencyClaim(ClaimOutcome.Claimed, Attempt: attempt.Value, Committed: committed);
        }
    }

    public async Task CompleteAsync(string scope, string key, long attempt, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE idempotency_keys SET status = @Status, content_type = @ContentType, body = @Body, location = @Location, completed_at = now()
            WHERE scope = @scope AND key = @key AND attempt = @attempt AND status IS NULL
            """, new { scope, key, attempt, response.Status, response.ContentType, response.Body, response.Location });
    }

    public async Task ReleaseAsync(string scope, string key, long attempt, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE idempotency_keys SET locked_until = created_at WHERE scope = @scope AND key = @key AND attempt = @attempt AND status IS NULL",
            new { scope, key, attempt });
    }

    private static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));
}
