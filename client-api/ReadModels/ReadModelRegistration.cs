using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

public static class ReadModelRegistration
{
    /// <summary>
    /// What the gateway (and the grains' read ports) query in PostgreSQL directly, beside the grains:
    /// catalogue search, ledger balances, the audit journal and idempotency keys.
    /// </summary>
    public static IServiceCollection AddMarketReadModels(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<IPatentCatalogue, PostgresPatentCatalogue>();
        services.AddSingleton<ILedgerQueries, PostgresLedgerQueries>();
        services.AddSingleton<ILandscapeQueries, PostgresLandscape>();
        services.AddSingleton<IAuditTrail, PostgresAuditTrail>();
        services.AddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
        return services;
    }
}
