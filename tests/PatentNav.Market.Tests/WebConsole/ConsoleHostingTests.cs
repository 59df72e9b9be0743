using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.WebConsole;

/// <summary>The gateway serves the console's build at / with an SPA fallback that never answers for the API's paths.</summary>
public sealed class ConsoleHostingTests(MarketApp app) : IClassFixture<MarketApp>, IDisposable
{
    private readonly string _dist = Directory.CreateTempSubdirectory("pnm-console-").FullName;

    public void Dispose() => Directory.Delete(_dist, recursive: true);

    private WebApplicationFactory<Program> WithConsole(string path) => app.WithWebHostBuilder(b => b.UseSetting("Market:Console:Path", path));

    [Fact]
    public async Task Files_are_served_and_every_other_page_path_gets_index_html_but_api_paths_keep_their_problems()
    {
        File.WriteAllText(Path.Combine(_dist, "index.html"), "<!doctype html><title>console-test</title>");
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        File.WriteAllText(Path.Combine(_dist, "assets", "app-123.js"), "console.log('app')");
        await using var factory = WithConsole(_dist);
        var client = factory.CreateClient();

        foreach (var page in new[] { "/", "/pools/pool_1", "/patents/201710601862.3", "/deals/plg_1" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("console-test", await response.Content.ReadAsStringAsync());
        }
        var asset = await client.GetAsync("/assets/app-123.js");
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/assets/missing.js")).StatusCode);

        // The API's own prefixes are never the console's.
        await (await client.GetAsync("/api/v1/no-such-thing")).ShouldBeProblem(404, "not_found");
        await (await client.GetAsync("/webhooks/nothing")).ShouldBeProblem(404, "not_found");
        Assert.Equal("application/json", (await client.GetAsync("/openapi/v1.json")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        // A path outside the console's files cannot escape its folder.
        Assert.DoesNotContain("root:", await (await client.GetAsync("/..%2F..%2F..%2Fetc%2Fpasswd")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_build_the_root_says_how_to_make_one()
    {
        await using var factory = WithConsole(Path.Combine(_dist, "nothing-here"));
        var response = await factory.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("npm ci &amp;&amp; npm run build", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The console's types are generated from <c>console/openapi.json</c>; it must be the document the gateway
    /// serves. After an API change: <c>UPDATE_CONSOLE_OPENAPI=1 bash tests/run.sh --filter ConsoleHosting</c>.
    /// </summary>
    [Fact]
    public async Task The_consoles_openapi_snapshot_is_the_served_document()
    {
        var served = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        served.Remove("servers"); // the request's host, not part of the API
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        var snapshot = Path.Combine(RepoRoot(), "console", "openapi.json");
        if (Environment.GetEnvironmentVariable("UPDATE_CONSOLE_OPENAPI") == "1") File.WriteAllText(snapshot, text);
        Assert.True(File.ReadAllText(snapshot) == text,
            "console/openapi.json differs from the served document; run UPDATE_CONSOLE_OPENAPI=1 bash tests/run.sh --filter ConsoleHosting and rebuild the console.");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PatentNav.Market.sln"))) return dir.FullName;
        throw new InvalidOperationException("No repository root above " + AppContext.BaseDirectory);
    }
}
