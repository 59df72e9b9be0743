using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using PatentNav.Market.ClientApi;

namespace PatentNav.Market.Tests.Infrastructure;

/// <summary>The whole silo with its gateway, in process, on its own PostgreSQL database.</summary>
public sealed class MarketApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminToken = "test-admin-token-0123456789";

    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public string ConnectionString { get; private set; } = "";

    /// <summary>The connection string the silo is given; by default <see cref="ConnectionString"/> itself (see <see cref="OutageProxy"/>).</summary>
    public Func<string, string> SiloDatabase { get; init; } = connectionString => connectionString;

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in SiloHost.Settings(SiloDatabase(ConnectionString), "market-app", "app"))
            builder.UseSetting(key, value);
        builder.UseSetting("Market:AdminToken", AdminToken);
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public HttpClient ClientWith(string? token) => MarketClients.ClientWith(this, token);

    public HttpClient Admin() => ClientWith(AdminToken);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        MarketGateway.Configure(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}

public static class HttpAssertions
{
    public static async Task<JsonElement> JsonBody(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(MarketApp.Json));

    /// <summary>Asserts a problem+json response with this status and code; returns the body.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, int status, string code, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Xunit.Assert.Equal(code, body.GetProperty("code").GetString());
        if (field is not null)
            Xunit.Assert.True(body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"Expected an error for field '{field}': {text}");
        return body;
    }

    public static async Task<JsonElement> ShouldBe(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }
}
