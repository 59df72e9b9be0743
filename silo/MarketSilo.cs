using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;
using PatentNav.Market.ClientApi;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Catalogue;
using PatentNav.Market.Silo.Hosting;
using PatentNav.Market.Silo.Payments;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo;

/// <summary>
/// The Orleans silo of the market. With <c>ConnectionStrings:Market</c>: ADO.NET clustering and
/// reminders and our grain storage on PostgreSQL, migrations applied at start. Without it: the
/// embedded default, one process with localhost clustering and everything in memory, for trying
/// the API only (logged loudly as not durable).
/// </summary>
public static class MarketSilo
{
    public static bool UsesPostgres(IConfiguration configuration) => MarketOrleansOptions.ConnectionString(configuration) is not null;

    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        ConfigureCluster(silo, configuration);
        ConfigureMarket(silo, configuration);
    }

    /// <summary>How this silo finds the others: cluster ids, endpoints, membership and the reminder table.</summary>
    public static void ConfigureCluster(ISiloBuilder silo, IConfiguration configuration)
    {
        var options = MarketOrleansOptions.From(configuration);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = MarketOrleansOptions.SiloName(configuration));
        if (MarketOrleansOptions.ConnectionString(configuration) is { } connectionString)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIP), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            UseAdoNet(silo, connectionString);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.UseInMemoryReminderService();
        }
    }

    /// <summary>ADO.NET membership and reminders on PostgreSQL (tables from our migrations).</summary>
    public static void UseAdoNet(ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = MarketOrleansOptions.Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = MarketOrleansOptions.Invariant;
            o.ConnectionString = connectionString;
        });
    }

    /// <summary>What the market's grains need: storage, ledger, call filters, payments, read models.</summary>
    public static void ConfigureMarket(ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Configure<ClusterMembershipOptions>(o => MarketMembership.Apply(o, configuration));
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = MarketOrleansOptions.From(configuration).ResponseTimeout);
        // Npgsql errors cross grain boundaries as themselves, not as a codec failure.
        silo.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        silo.AddIncomingGrainCallFilter<MarketCallFilter>();
        silo.AddOutgoingGrainCallFilter<RejectedCallRetry>();

        var services = silo.Services;
        services.TryAddSingleton(MarketClock.System);
        services.AddScoped<GrainWriteContext>();
        services.AddScoped<ILedger>(sp => sp.GetRequiredService<GrainWriteContext>());
        services.AddScoped<Grains.Pools.IPoolLicenseeRows>(sp => sp.GetRequiredService<GrainWriteContext>());
        services.AddStripePayments(configuration);
        if (MarketOrleansOptions.ConnectionString(configuration) is { } connectionString) AddPostgres(services, connectionString);
        else AddInMemory(services);
    }

    private static void AddPostgres(IServiceCollection services, string connectionString)
    {
        services.AddMarketReadModels(connectionString);
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IPostgresProjection, PatentCatalogueProjection>();
        Matching.MatchingRegistration.AddPostgres(services);
        services.AddSingleton<IPostgresProjection, PartyDirectoryProjection>();
        services.AddSingleton<PostgresGrainStorage>();
        services.AddKeyedSingleton<IGrainStorage>(MarketStorage.Name, (sp, _) => sp.GetRequiredService<PostgresGrainStorage>());
        // Before Orleans' own start-up: clustering and reminders need their tables.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrationHostedService>());
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
    }

    private static void AddInMemory(IServiceCollection services)
    {
        services.AddSingleton<InMemoryPatentCatalogue>();
        services.AddSingleton<IPatentCatalogue>(sp => sp.GetRequiredService<InMemoryPatentCatalogue>());
        services.AddSingleton<IInMemoryProjection>(sp => sp.GetRequiredService<InMemoryPatentCatalogue>());
        Matching.MatchingRegistration.AddInMemory(services);
        services.AddSingleton<InMemoryGrainStorage>();
        services.AddKeyedSingleton<IGrainStorage>(MarketStorage.Name, (sp, _) => sp.GetRequiredService<InMemoryGrainStorage>());
        services.AddSingleton<ILedgerQueries>(sp => sp.GetRequiredService<InMemoryGrainStorage>());
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<InMemoryGrainStorage>());
        services.AddSingleton<IPoolLicensees>(sp => sp.GetRequiredService<InMemoryGrainStorage>());
        services.AddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
        services.AddSingleton<ILandscapeQueries, UnavailableLandscape>();
        services.AddHealthChecks().AddCheck("in-memory", () => HealthCheckResult.Healthy("In-memory storage: not durable."), tags: ["ready"]);
    }
}

/// <summary>Applies pending migrations when the silo starts, before Orleans joins the cluster.</summary>
internal sealed class MigrationHostedService(MigrationRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Ready means the database answers.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", ex);
        }
    }
}
