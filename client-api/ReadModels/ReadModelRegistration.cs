using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

public static class ReadModelRegistration
{
    /// <summary>
    /// What the gateway (and the grains' read ports) query in PostgreSQL directly, beside the grains:
    /// catalogue search, ledger balances, the audit journal, pools' licensee lists and idempotency keys.
    /// </summary>
    public static IServiceCollection AddMarketReadModels(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => DataSource(connectionString));
        services.AddSingleton<IPatentCatalogue, PostgresPatentCatalogue>();
        services.AddSingleton<ILedgerQueries, PostgresLedgerQueries>();
        services.AddSingleton<ILandscapeQueries, PostgresLandscape>();
        services.AddSingleton<IAuditTrail, PostgresAuditTrail>();
        services.AddSingleton<IPoolLicensees, PostgresPoolLicensees>();
        services.AddSingleton<IMatchQueries, PostgresMatching>();
        services.AddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
        return services;
    }

    /// <summary>
    /// The market's data source. <c>No Reset On Close</c>: Npgsql would otherwise send <c>DISCARD ALL</c>
    /// with the first command of every checkout (4–8 per request, issue 11); our SQL leaves no session
    /// state behind (no SET, LISTEN, temp tables, prepared statements or session advisory locks: the
    /// migrations take a transaction-level one), and a connection is still rolled back when it is returned.
    /// A connection string can still say otherwise.
    /// </summary>
    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }
}
