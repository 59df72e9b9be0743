using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using PatentNav.Market.ClientApi;
using PatentNav.Market.Silo;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Cluster;

/// <summary>
/// Two market silos and a client in an Orleans <see cref="TestCluster"/> with real ADO.NET membership
/// and reminders on a fresh PostgreSQL database (<c>UseTestClusterMembership = false</c>), wired as
/// production wires them apart from the ports and cluster id, which the test cluster picks.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = "patentnav-test-" + Guid.NewGuid().ToString("N")[..8];
        builder.Properties["ConnectionStrings:Market"] = ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            MarketSilo.UseAdoNet(siloBuilder, MarketOrleansOptions.ConnectionString(configuration)!);
            MarketSilo.ConfigureMarket(siloBuilder, configuration);
            // Test reminders tick every second or two; production's minimum stays at a minute.
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            if (Environment.GetEnvironmentVariable("MARKET_TEST_ORLEANS_LOG") is { Length: > 0 })
                siloBuilder.Services.AddLogging(l => l.AddConsole().SetMinimumLevel(LogLevel.Information));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            // The gateway's client as production builds it (cluster ids and ports are the test cluster's).
            MarketClusterClient.UseAdoNet(clientBuilder, MarketOrleansOptions.ConnectionString(configuration)!);
            MarketClusterClient.Resilience(clientBuilder, MarketOrleansOptions.From(configuration));
        }
    }
}
