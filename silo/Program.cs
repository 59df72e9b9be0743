using Orleans.Dashboard;
using Orleans.Hosting;
using PatentNav.Market.ClientApi.Auth;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.ClientApi;
using PatentNav.Market.ClientApi.Observability;
using PatentNav.Market.Silo;
using PatentNav.Market.Silo.Demo;

// --demo: seed a demo market after start (silo/Demo); not a configuration switch, so taken out of args.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder([.. args.Where(a => a != "--demo")]);
LoggingDefaults.Apply(builder.Configuration);
AdminToken.DefaultUrl(builder, "http://localhost:5080");
var generatedAdminToken = AdminToken.EnsureConfigured(builder.Configuration);
var coHostGateway = builder.Configuration.GetValue("Market:Gateway:CoHosted", true);

builder.UseOrleans(silo =>
{
    MarketSilo.Configure(silo, builder.Configuration);
    if (coHostGateway) silo.AddDashboard();
});
if (coHostGateway) builder.Services.AddMarketGateway(builder.Configuration);
else builder.Services.AddMarketTelemetry();

var app = builder.Build();
if (coHostGateway)
{
    app.UseMarketGateway();
    app.Use(PatentNav.Market.Silo.Hosting.DashboardSiloAddresses.Check);
    // The Orleans Dashboard, for the admin only (bearer token, or HTTP Basic with the token as password).
    app.MapOrleansDashboard(routePrefix: BearerTokenHandler.DashboardPath).RequireRoles(Role.Admin)
        .ExcludeFromDescription(); // its pages and JSON are the dashboard's own, not the market API
}
else app.MapMarketOperations();

if (!MarketSilo.UsesPostgres(app.Configuration))
    app.Logger.LogWarning("NOT DURABLE: no ConnectionStrings:Market configured; one silo with localhost clustering, state and reminders in memory, lost on exit. Set ConnectionStrings__Market for PostgreSQL.");
AdminToken.LogGenerated(app.Logger, generatedAdminToken);

if (!demo)
{
    app.Run();
    return;
}
await app.StartAsync();
await DemoSeeding.Run(app);
await app.WaitForShutdownAsync();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
