using Dapper;
using Npgsql;

namespace PatentNav.Market.Benchmarks;

/// <summary>A fresh database on the benchmark's server for one mode's run, as the tests' TestDatabase makes one, and its removal.</summary>
internal static class BenchDatabase
{
    /// <summary>Creates <paramref name="name"/> (UTF-8, C collation) and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string server, string name)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the databases, closing what the run's pools still hold open.</summary>
    public static async Task DropAsync(string server, params string[] names)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        foreach (var name in names) await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}
