using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Catalogue;
using PatentNav.Market.Silo.Idempotency;
using PatentNav.Market.Silo.Payments;
using PatentNav.Market.Silo.Reminders;
using PatentNav.Market.Silo.Runtime;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo;

/// <summary>
/// Wires the grain runtime and its storage. <c>ConnectionStrings:Market</c> set: PostgreSQL, with
/// migrations applied at start. Unset: the embedded in-memory default, for trying the API only.
/// </summary>
public static class MarketSilo
{
    public static bool UsesPostgres(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Market"));

    public static IServiceCollection AddMarketSilo(this IServiceCollection services, IConfiguration configuration, Action<GrainRuntimeOptions>? configure = null)
    {
        services.AddOptions<GrainRuntimeOptions>().Bind(configuration.GetSection("Market:Runtime")).Configure(o =>
        {
            if (configuration["Market:SiloName"] is { Length: > 0 } name) o.SiloName = name;
            configure?.Invoke(o);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new GrainTypeRegistry(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GrainRuntimeOptions>>().Value.GrainAssemblies));
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>().Factory);
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<ReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        services.AddStripePayments(configuration);

        if (UsesPostgres(configuration)) AddPostgres(services, configuration.GetConnectionString("Market")!);
        else AddInMemory(services);
        return services;
    }

    private static void AddPostgres(IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<PostgresPatentCatalogue>();
        services.AddSingleton<IPatentCatalogue>(sp => sp.GetRequiredService<PostgresPatentCatalogue>());
        services.AddSingleton<IPostgresProjection>(sp => sp.GetRequiredService<PostgresPatentCatalogue>());
        services.AddSingleton<IGrainStorage, PostgresGrainStorage>();
        services.AddSingleton<ILedgerQueries, PostgresLedgerQueries>();
        services.AddSingleton<IReminderTable, PostgresReminderTable>();
        services.AddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
        // Registered before the reminder service so that migrations run before the first poll.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrationHostedService>());
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
    }

    private static void AddInMemory(IServiceCollection services)
    {
        services.AddSingleton<InMemoryPatentCatalogue>();
        services.AddSingleton<IPatentCatalogue>(sp => sp.GetRequiredService<InMemoryPatentCatalogue>());
        services.AddSingleton<IInMemoryProjection>(sp => sp.GetRequiredService<InMemoryPatentCatalogue>());
        services.AddSingleton<InMemoryGrainStorage>();
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<InMemoryGrainStorage>());
        services.AddSingleton<ILedgerQueries>(sp => sp.GetRequiredService<InMemoryGrainStorage>());
        services.AddSingleton<IReminderTable, InMemoryReminderTable>();
        services.AddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
        services.AddHealthChecks().AddCheck("in-memory", () => HealthCheckResult.Healthy("In-memory storage: not durable."), tags: ["ready"]);
    }
}

/// <summary>Applies pending migrations when the silo starts, before it serves requests.</summary>
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
