using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Silo.Storage;

/// <summary>A read model written in the same PostgreSQL transaction as the grain state it mirrors.</summary>
public interface IPostgresProjection
{
    string GrainType { get; }
    Task ProjectAsync(NpgsqlTransaction transaction, GrainId id, object state, CancellationToken cancellationToken);
}

/// <summary>
/// Grain state in PostgreSQL: <c>INSERT … ON CONFLICT DO NOTHING</c> for the first write,
/// <c>UPDATE … WHERE version = expected</c> after it; zero rows touched means another writer won,
/// and the transaction (journal and projections too) is rolled back.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, IEnumerable<IPostgresProjection> projections) : IGrainStorage
{
    private readonly ILookup<string, IPostgresProjection> _projections = projections.ToLookup(p => p.GrainType);

    public async Task<StoredState?> ReadAsync(GrainId id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredState>(
            "SELECT payload::text AS json, version FROM grain_state WHERE grain_type = @Type AND grain_key = @Key", new { id.Type, id.Key });
    }

    public async Task<long> WriteAsync(GrainWrite write, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var args = new { write.Id.Type, write.Id.Key, write.Json, write.ExpectedVersion, write.Operation, write.Caller };
        var rows = write.ExpectedVersion == 0
            ? await connection.ExecuteAsync(
                """
                INSERT INTO grain_state (grain_type, grain_key, payload, version) VALUES (@Type, @Key, @Json::jsonb, 1)
                ON CONFLICT (grain_type, grain_key) DO NOTHING
                """, args, transaction)
            : await connection.ExecuteAsync(
                """
                UPDATE grain_state SET payload = @Json::jsonb, version = version + 1, modified_on = now()
                WHERE grain_type = @Type AND grain_key = @Key AND version = @ExpectedVersion
                """, args, transaction);
        if (rows == 0)
            throw new InconsistentStateException($"{write.Id} changed since version {write.ExpectedVersion} was read.");

        await connection.ExecuteAsync(
            """
            INSERT INTO grain_journal (grain_type, grain_key, version, operation, caller, state)
            VALUES (@Type, @Key, @ExpectedVersion + 1, @Operation, @Caller, @Json::jsonb)
            """, args, transaction);
        await PostingWriter.InsertAsync(transaction, write);
        foreach (var projection in _projections[write.Id.Type])
            await projection.ProjectAsync(transaction, write.Id, write.State, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return write.ExpectedVersion + 1;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadJournalAsync(GrainId id, long afterVersion, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Version, string Operation, string? Caller, DateTime RecordedAt, string State)>(
            """
            SELECT version, operation, caller, recorded_at, state::text FROM grain_journal
            WHERE grain_type = @Type AND grain_key = @Key AND version > @afterVersion ORDER BY version LIMIT @limit
            """, new { id.Type, id.Key, afterVersion, limit });
        return rows.Select(r => new AuditEntry(r.Version, r.Operation, r.Caller, new DateTimeOffset(r.RecordedAt, TimeSpan.Zero),
            System.Text.Json.JsonDocument.Parse(r.State).RootElement.Clone())).ToList();
    }
}
