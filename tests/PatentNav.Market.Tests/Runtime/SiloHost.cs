using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Silo;
using PatentNav.Market.Silo.Reminders;
using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Tests.Runtime;

/// <summary>A grain runtime without the web gateway; several may share one database, like silos.</summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="clock">The silo's time (a test clock moves it); the system clock when null.</param>
    public SiloHost(string? connectionString, string name, Action<GrainRuntimeOptions>? configure = null, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?> { ["Market:SiloName"] = name };
        if (connectionString is not null) settings["ConnectionStrings:Market"] = connectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        if (clock is not null) services.AddSingleton(clock);
        _services = services
            .AddLogging()
            .AddMarketSilo(configuration, o =>
            {
                o.GrainAssemblies.Add(typeof(SiloHost).Assembly);
                configure?.Invoke(o);
            })
            .BuildServiceProvider();
    }

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    internal GrainRuntime Runtime => _services.GetRequiredService<GrainRuntime>();

    public IServiceProvider Services => _services;

    /// <summary>One reminder poll, as the silo's background loop would do it.</summary>
    public Task<int> PollRemindersAsync() => _services.GetRequiredService<ReminderService>().PollOnceAsync();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
