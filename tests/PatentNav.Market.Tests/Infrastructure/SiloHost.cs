using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatentNav.Market.Silo;

namespace PatentNav.Market.Tests.Infrastructure;

/// <summary>
/// One market silo in this process, wired as production wires it (<see cref="MarketSilo.Configure"/>),
/// without the REST gateway. On a database (<c>connectionString</c>) silos of one test form one
/// cluster through the ADO.NET membership table; without one it is the embedded in-memory default.
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <param name="clock">The silo's time (a test clock moves it); the system clock when null.</param>
    public static async Task<SiloHost> StartAsync(string? connectionString, string name, TimeProvider? clock = null, string clusterId = "test")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(connectionString, clusterId, name));
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        if (clock is not null) builder.Services.AddSingleton(new PatentNav.Market.Grains.Common.MarketClock(clock));
        builder.UseOrleans(silo => MarketSilo.Configure(silo, builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHost(host);
    }

    /// <summary>The settings of a test silo: its own free ports, the cluster of the test.</summary>
    public static Dictionary<string, string?> Settings(string? connectionString, string clusterId, string name)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Market:Orleans:ClusterId"] = clusterId,
            ["Market:Orleans:SiloPort"] = FreePort().ToString(),
            ["Market:Orleans:GatewayPort"] = FreePort().ToString(),
            ["Market:SiloName"] = name,
        };
        if (connectionString is not null) settings["ConnectionStrings:Market"] = connectionString;
        return settings;
    }

    /// <summary>Delivers a reminder tick now, as Orleans' reminder service would when it falls due.</summary>
    public Task Tick<TGrain>(string key, string reminder) where TGrain : IGrainWithStringKey =>
        Grains.Tick<TGrain>(key, reminder);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int _lastPort = Random.Shared.Next(20_000, 40_000);

    /// <summary>
    /// A free port never handed out before in this test run. Orleans takes a silo that finds its own
    /// address (IP, port and start second) in the membership table as a clone and stops the process,
    /// so a silo restarted on a database must not get its predecessor's port.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _lastPort);
            try
            {
                using var listener = new TcpListener(IPAddress.Any, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken by another process: try the next one
            }
        }
    }
}

public static class ReminderTicks
{
    /// <summary>
    /// Delivers a reminder tick to a grain now. Orleans reminders fire on real time; tests that move
    /// a test clock deliver the tick themselves (the reminder service itself is tested in Cluster/).
    /// </summary>
    public static Task Tick<TGrain>(this IGrainFactory grains, string key, string reminder) where TGrain : IGrainWithStringKey =>
        grains.GetGrain<TGrain>(key).AsReference<IRemindable>().ReceiveReminder(reminder, default);
}
