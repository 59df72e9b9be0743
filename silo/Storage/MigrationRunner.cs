using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PatentNav.Market.Silo.Storage;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each in its own
/// transaction, recording them in <c>schema_migrations</c>. An advisory lock makes silos that
/// start together take turns; a script already recorded is skipped, so running again is harmless.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x5041_5445_4e54; // "PATENT"

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var (version, sql) in Scripts())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction);
            var done = await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = @version)", new { version }, transaction);
            if (done) continue;
            // Index builds on a large existing table take longer than the default 30 s command timeout.
            await connection.ExecuteAsync(sql, transaction: transaction, commandTimeout: 1800);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Version}", version);
            applied.Add(version);
        }
        await connection.ReloadTypesAsync(cancellationToken);
        return applied;
    }

    private static IEnumerable<(string Version, string Sql)> Scripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var fileName = name.Split('.')[^2];
            yield return (fileName, reader.ReadToEnd());
        }
    }
}
