using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatentNav.Market.Silo.Demo;

/// <summary>The demo seeds through the public REST API, with each party's own key, as its users would.</summary>
public sealed class DemoApi(HttpClient http)
{
    public async Task<JsonElement> Send(HttpMethod method, string path, string token, object? body = null, bool idempotent = false)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotent) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Demo seeding: {method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> Post(string path, string token, object? body = null, bool idempotent = false) =>
        Send(HttpMethod.Post, path, token, body ?? new { }, idempotent);

    public Task<JsonElement> Get(string path, string token) => Send(HttpMethod.Get, path, token);
}
