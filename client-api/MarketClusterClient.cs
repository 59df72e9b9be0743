using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;

namespace PatentNav.Market.ClientApi;

/// <summary>The gateway as an Orleans client: how it finds the silos and how it rides out a silo's death.</summary>
public static class MarketClusterClient
{
    public static void Configure(IClientBuilder client, IConfiguration configuration, string connectionString)
    {
        var orleans = MarketOrleansOptions.From(configuration);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans.ClusterId;
            o.ServiceId = orleans.ServiceId;
        });
        UseAdoNet(client, connectionString);
        Resilience(client, orleans);
    }

    /// <summary>The silos' gateways, from the membership table on PostgreSQL.</summary>
    public static void UseAdoNet(IClientBuilder client, string connectionString) =>
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = MarketOrleansOptions.Invariant;
            o.ConnectionString = connectionString;
        });

    /// <summary>A dead gateway leaves the list within seconds; calls it refused are sent again; no call waits longer than the response timeout.</summary>
    public static void Resilience(IClientBuilder client, MarketOrleansOptions orleans)
    {
        client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = orleans.ResponseTimeout);
        client.AddOutgoingGrainCallFilter<RejectedCallRetry>();
        client.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
    }
}
