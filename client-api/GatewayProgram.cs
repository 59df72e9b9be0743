using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using PatentNav.Market.ClientApi.ReadModels;

namespace PatentNav.Market.ClientApi;

/// <summary>
/// The REST gateway as its own process: an Orleans client that finds the cluster's gateways in
/// the ADO.NET membership table on <c>ConnectionStrings:Market</c>. It needs a running silo on
/// the same database (the silo applies the migrations).
/// </summary>
public static class GatewayProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        Observability.LoggingDefaults.Apply(builder.Configuration);
        AdminToken.DefaultUrl(builder, "http://localhost:5081");
        var generated = AdminToken.EnsureConfigured(builder.Configuration);
        if (MarketOrleansOptions.ConnectionString(builder.Configuration) is not { } connectionString)
        {
            Console.Error.WriteLine("client-api needs ConnectionStrings__Market: it finds the silos in the cluster's membership table. " +
                "For a single process with the REST API, run `dotnet run --project silo`.");
            return 2;
        }
        builder.UseOrleansClient(client => MarketClusterClient.Configure(client, builder.Configuration, connectionString));
        builder.Services.AddMarketReadModels(connectionString);
        builder.Services.AddMarketGateway(builder.Configuration);

        var app = builder.Build();
        app.UseMarketGateway();
        AdminToken.LogGenerated(app.Logger, generated);
        await app.RunAsync();
        return 0;
    }
}
