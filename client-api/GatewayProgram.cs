using Microsoft.Extensions.Logging;
using Orleans.Configuration;
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
        AdminToken.DefaultUrl(builder, "http://localhost:5081");
        var generated = AdminToken.EnsureConfigured(builder.Configuration);
        if (MarketOrleansOptions.ConnectionString(builder.Configuration) is not { } connectionString)
        {
            Console.Error.WriteLine("client-api needs ConnectionStrings__Market: it finds the silos in the cluster's membership table. " +
                "For a single process with the REST API, run `dotnet run --project silo`.");
            return 2;
        }
        var orleans = MarketOrleansOptions.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = orleans.ClusterId;
                o.ServiceId = orleans.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = MarketOrleansOptions.Invariant;
                o.ConnectionString = connectionString;
            });
            // A gateway that died drops out of the client's list within seconds, not the default minute.
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = orleans.ResponseTimeout);
            client.AddOutgoingGrainCallFilter<RejectedCallRetry>();
            client.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        });
        builder.Services.AddMarketReadModels(connectionString);
        builder.Services.AddMarketGateway(builder.Configuration);

        var app = builder.Build();
        app.UseMarketGateway();
        AdminToken.LogGenerated(app.Logger, generated);
        await app.RunAsync();
        return 0;
    }
}
