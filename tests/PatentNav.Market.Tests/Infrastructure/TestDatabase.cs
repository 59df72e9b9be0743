using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database on the PostgreSQL server named by <c>MARKET_TEST_PG</c>, which
/// <c>tests/run.sh</c> starts. Each test class gets its own database, so classes run in parallel.
/// </summary>
public static class TestDatabase
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("MARKET_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("MARKET_TEST_PG is not set: run the tests with `bash tests/run.sh`, which starts PostgreSQL.");

    /// <summary>Creates an empty database with the schema applied; returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var name = "market_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var server = new NpgsqlConnection(ServerConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'", server);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        return connectionString;
    }
}
