using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// <c>GET /metrics</c> (Prometheus text): the market's own counters move where the thing happens,
/// beside ASP.NET Core's, Orleans' and Npgsql's metrics. The counters are process-wide and other
/// test classes run beside this one, so a test compares a scrape after with one before.
/// </summary>
public sealed class MetricsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Issuing_a_licence_and_paying_its_invoice_count_the_licence_the_invoice_the_posting_and_a_replay()
    {
        var before = await Scrape();
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var op = market.Client(pool.Administrator);
        var key = Guid.NewGuid().ToString();
        await (await op.Pay(invoice.Id(), "BANK-METRICS-1", invoice.Amount(), key: key)).ShouldBe(201);
        await (await op.Pay(invoice.Id(), "BANK-METRICS-1", invoice.Amount(), key: key)).ShouldBe(201);
        // ASP.NET Core records a request's duration after its response went out: scrape until both payments are in (≤ 10 s).
        var after = await Scrape();
        for (var i = 0; i < 100 && after.Value("http_server_request_duration_seconds_count", ("http_route", "api/v1/invoices/{id}/payments")) < 2; i++)
        {
            await Task.Delay(100);
            after = await Scrape();
        }

        Grew("patentnav_market_licences_issued_total", ("type", "pool"));
        Grew("patentnav_market_royalty_invoices_issued_total", ("licence_type", "pool"));
        Grew("patentnav_market_royalty_invoices_paid_total", ("licence_type", "pool"));
        Grew("patentnav_market_ledger_postings_total", ("kind", "pay"));
        Grew("patentnav_market_idempotent_replays_total");

        // The runtime's, ASP.NET Core's, Orleans' and Npgsql's own meters are exported too.
        Assert.True(after.Value("http_server_request_duration_seconds_count", ("http_route", "api/v1/invoices/{id}/payments")) >= 2,
            "ASP.NET Core's request duration of the payments route");
        Assert.True(after.Value("orleans_grains", ("grain_type", "licence")) >= 1, "Orleans' grain count");
        Assert.Contains("\norleans_app_requests_latency_milliseconds_bucket{", after.Text);
        Assert.Contains("\ndb_client_", after.Text);
        Assert.Contains("\ndotnet_gc_collections_total{", after.Text);
        // Labels are closed sets: no ids of what was created.
        Assert.DoesNotContain(licenceId, after.Text);
        Assert.DoesNotContain(invoice.Id(), after.Text);
        Assert.DoesNotContain(pool.Id, after.Text);

        void Grew(string name, params (string, string)[] labels) =>
            Assert.True(after.Value(name, labels) >= before.Value(name, labels) + 1, $"{name} {string.Join(",", labels)} did not grow.");
    }

    [Fact]
    public async Task A_refused_request_counts_under_its_problem_code_and_status()
    {
        var before = await Scrape();
        var admin = market.Admin();
        admin.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        await (await admin.GetAsync("/api/v1/licences/lic_metrics_missing")).ShouldBeProblem(404, "licence_not_found");
        await (await market.ClientWith(null).GetAsync("/api/v1/licences/lic_x")).ShouldBeProblem(401, "unauthenticated");
        await (await admin.GetAsync("/api/v1/no-such-route")).ShouldBeProblem(404, "not_found");
        var after = await Scrape();

        Assert.True(Delta(("code", "licence_not_found"), ("status", "404")) >= 1, "licence_not_found");
        Assert.True(Delta(("code", "unauthenticated"), ("status", "401")) >= 1, "unauthenticated");
        Assert.True(Delta(("code", "not_found"), ("status", "404")) >= 1, "not_found");

        double Delta(params (string, string)[] labels) =>
            after.Value("patentnav_market_refusals_total", labels) - before.Value("patentnav_market_refusals_total", labels);
    }

    [Fact]
    public async Task A_grains_only_silo_serves_metrics_and_health_but_no_api()
    {
        await using var app = new MarketApp();
        await app.InitializeAsync();
        await using var grainsOnly = app.WithWebHostBuilder(b => b.UseSetting("Market:Gateway:CoHosted", "false"));
        var client = grainsOnly.ClientWith(null);

        Assert.Equal(200, (int)(await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(404, (int)(await client.GetAsync("/api/v1/patents")).StatusCode);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("\norleans_catalog_activations", metrics);
        Assert.Contains("\nhttp_server_request_duration_seconds_bucket{", metrics);
    }

    private async Task<Scraped> Scrape()
    {
        var response = await market.ClientWith(null).GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"GET /metrics: {(int)response.StatusCode} {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new Scraped("\n" + text);
    }

    private sealed record Scraped(string Text)
    {
        /// <summary>The sum of the samples of <paramref name="name"/> that carry all of <paramref name="labels"/>; 0 when there are none.</summary>
        public double Value(string name, params (string Name, string Value)[] labels) => Text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}
