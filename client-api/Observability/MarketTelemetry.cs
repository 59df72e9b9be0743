using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace PatentNav.Market.ClientApi.Observability;

/// <summary>
/// Metrics and the operations endpoints (<c>/health/*</c>, <c>/metrics</c>) of every process: the
/// silo with or without the gateway, and the gateway as an Orleans client.
/// </summary>
public static class MarketTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' own meter: grain calls, activations, messaging, storage, reminders, membership.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Npgsql's own meter: connections in use, commands and their duration per data source.</summary>
    public const string NpgsqlMeter = "Npgsql";

    public static IServiceCollection AddMarketTelemetry(this IServiceCollection services)
    {
        services.AddHealthChecks();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(OrleansMeter, NpgsqlMeter, MarketMetrics.MeterName)
            // No scrape cache: a scrape shows what happened up to it (the default caches 300 ms).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>, all anonymous: they are read by
    /// the orchestrator and the scraper on the process's own port, and carry no tenant data (labels
    /// are routes, codes and kinds, never ids). The front door (deploy/nginx.conf) does not pass
    /// <c>/metrics</c> on.
    /// </summary>
    public static WebApplication MapMarketOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
