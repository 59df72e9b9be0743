using System.Diagnostics;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Issue 10 §3: while PostgreSQL cannot be reached (the silo's connections cut and new ones refused, as in a restart),
/// requests that need it are 503 <c>database_unavailable</c> problem+json with <c>Retry-After</c>, not 500; once the
/// database is back the same silo serves them again, without a restart.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly OutageProxy _proxy = new(TestDatabase.ServerConnectionString);
    private readonly MarketApp _app;

    public DatabaseOutageTests() => _app = new MarketApp { SiloDatabase = _proxy.Route };

    public async Task InitializeAsync() => await _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_outage_is_503_with_retry_after_and_the_silo_recovers_without_restart()
    {
        var admin = _app.Admin();
        var party = await _app.CreateParty();
        await admin.NewPatent(party);

        _proxy.Stop();
        // A grain that must load its state, a grain write, and a read model that queries PostgreSQL from the gateway.
        await ShouldBeUnavailable(await admin.PostJson("/api/v1/parties", new { name = "停电测试有限公司", kind = "company" }));
        await ShouldBeUnavailable(await admin.GetAsync($"/api/v1/patents/{ApiSteps.NewNumber()}"));
        await ShouldBeUnavailable(await admin.GetAsync("/api/v1/patents?q=电池"));

        _proxy.Start();
        var created = await Eventually(() => admin.PostJson("/api/v1/parties", new { name = "恢复测试有限公司", kind = "company" }), 201);
        Assert.StartsWith("pty_", (await created.ShouldBe(201)).GetProperty("id").GetString());
        await (await Eventually(() => admin.GetAsync("/api/v1/patents?q=电池"), 200)).ShouldBe(200);
        await (await admin.GetAsync($"/api/v1/patents/{ApiSteps.NewNumber()}")).ShouldBeProblem(404, "patent_not_found");
    }

    private static async Task ShouldBeUnavailable(HttpResponseMessage response)
    {
        await response.ShouldBeProblem(503, "database_unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {response.Headers.RetryAfter}");
    }

    /// <summary>Pooled connections broken by the outage may fail a request or two after it; retried within 20 s.</summary>
    private static async Task<HttpResponseMessage> Eventually(Func<Task<HttpResponseMessage>> send, int status)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if ((int)response.StatusCode == status || clock.Elapsed > TimeSpan.FromSeconds(20)) return response;
            await response.ShouldBeProblem(503, "database_unavailable");
            await Task.Delay(250);
        }
    }
}
