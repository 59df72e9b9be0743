using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PatentNav.Market.Silo.Demo;

/// <summary>Runs <see cref="DemoMarket"/> against this silo's own REST gateway and prints the keys.</summary>
public static class DemoSeeding
{
    public static async Task Run(WebApplication app)
    {
        var log = app.Logger;
        var admin = app.Configuration["Market:AdminToken"]!;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Kestrel may listen on every interface (http://+:5080, http://[::]:5080); the seeding calls loopback.
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost"));
        using var http = new HttpClient { BaseAddress = uri.Uri, Timeout = TimeSpan.FromMinutes(2) };
        var started = DateTime.UtcNow;
        log.LogInformation("--demo: seeding the demo market through {Address} …", uri.Uri);
        try
        {
            var keys = await new DemoMarket(new DemoApi(http), admin, log).Seed();
            if (keys is null) return;
            var lines = keys.Select(k => $"DEMO KEY {k.Role,-10} {k.Token}  ({k.Party})").ToList();
            log.LogWarning("--demo: seeded in {Seconds:0} s. Open {Url} and sign in with one of these keys:\n{Keys}",
                (DateTime.UtcNow - started).TotalSeconds, uri.Uri, string.Join('\n', lines));
            if (app.Configuration["Market:Demo:KeysFile"] is { Length: > 0 } file)
                await File.WriteAllLinesAsync(file, keys.Select(k => $"{k.Role} {k.Token}"));
        }
        catch (Exception ex)
        {
            // The silo keeps running: what was seeded stays, and the log says which call was refused.
            log.LogError(ex, "--demo: seeding stopped");
        }
    }
}
