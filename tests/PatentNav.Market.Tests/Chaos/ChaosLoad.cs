using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Chaos;

/// <summary>What a client got for one money-moving request (one idempotency key), after its retries.</summary>
public sealed record Outcome(string Kind, string Key, int Status, JsonElement Body, int Attempts)
{
    public bool Acknowledged => Status is >= 200 and < 300;
}

/// <summary>
/// Clients that send each money-moving request with its own idempotency key and retry it with the
/// same key — on any silo still alive — after a cut connection, a 5xx, or 409
/// <c>idempotency_key_in_use</c>, until it is answered or <see cref="GiveUpAfter"/> passes.
/// </summary>
public sealed class ChaosLoad(IReadOnlyList<SiloProcess> silos)
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(100);

    public ConcurrentBag<Outcome> Outcomes { get; } = [];

    public int Sent => _sent;

    private int _sent;
    private int _next;

    public HttpClient Client(SiloProcess silo, string token)
    {
        var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(45) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Posts <paramref name="body"/> under <paramref name="key"/> until answered; the outcome is recorded.</summary>
    public async Task<Outcome> Send(string kind, string token, string url, object body, string key)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        var attempts = 0;
        var start = Interlocked.Increment(ref _next);
        while (true)
        {
            var alive = silos.Where(s => s.Alive).ToList();
            var silo = alive[(start + attempts) % alive.Count];
            attempts++;
            Interlocked.Increment(ref _sent);
            try
            {
                using var client = Client(silo, token);
                using var response = await client.PostWithKey(url, body, key);
                var text = await response.Content.ReadAsStringAsync();
                var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                var status = (int)response.StatusCode;
                var retry = status >= 500 || (status == 409 && json.ValueKind == JsonValueKind.Object
                    && json.TryGetProperty("code", out var code) && code.GetString() is "idempotency_key_in_use" or "concurrency_conflict");
                if (!retry || DateTime.UtcNow > deadline)
                {
                    var outcome = new Outcome(kind, key, status, json, attempts);
                    Outcomes.Add(outcome);
                    return outcome;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    var outcome = new Outcome(kind, key, 0, default, attempts);
                    Outcomes.Add(outcome);
                    return outcome;
                }
            }
            await Task.Delay(300);
        }
    }
}
