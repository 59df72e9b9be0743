using System.Text.Json;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>Reads <c>grain_journal</c>, which the grain storage appends to in the transaction of every state write.</summary>
public sealed class PostgresAuditTrail(NpgsqlDataSource dataSource) : IAuditTrail
{
    public async Task<IReadOnlyList<AuditEntry>> History(string stateName, string key, long afterVersion, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Version, string Operation, string? Caller, DateTime RecordedAt, string Changes)>(
            """
            SELECT version, operation, caller, recorded_at, changes::text FROM grain_journal
            WHERE grain_type = @stateName AND grain_key = @key AND version > @afterVersion ORDER BY version LIMIT @limit
            """, new { stateName, key, afterVersion, limit });
        return [.. rows.Select(r => new AuditEntry(r.Version, r.Operation, r.Caller, new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)),
            JsonDocument.Parse(r.Changes).RootElement.Clone()))];
    }
}
