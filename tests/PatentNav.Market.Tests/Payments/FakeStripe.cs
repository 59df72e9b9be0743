using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PatentNav.Market.Tests.Payments;

/// <summary>One request as the fake received it, and when (<see cref="At"/>: arrival, before any scripted delay).</summary>
public sealed record RecordedRequest(
    string Method, string Path, string? Authorization, string? IdempotencyKey, string? StripeVersion, string ContentType, string Body,
    IReadOnlyDictionary<string, string> Form, int Status, bool Replayed, DateTimeOffset At);

/// <summary>
/// A canned answer the fake gives instead of handling the request (a failure before Stripe's endpoint runs),
/// optionally after <paramref name="Delay"/> (an answer slower than the client's timeout is no answer).
/// </summary>
public sealed record ScriptedAnswer(int Status, string Body, string? ShouldRetry = null, TimeSpan Delay = default)
{
    public static ScriptedAnswer RateLimited() => new(429,
        """{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests hit the API too quickly."}}""");

    public static ScriptedAnswer ServerError() => new(500,
        """{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}""");

    public static ScriptedAnswer Refused(int status, string type, string code) => new(status, FakeStripe.Error(type, code, $"Refused with {code}."));
}

/// <summary>
/// Stripe's v1 API on 127.0.0.1 (Kestrel, port 0), answering <c>POST /v1/payment_intents</c> and
/// <c>POST /v1/transfers</c> as Stripe.net calls them (form body, <c>Authorization: Bearer</c>,
/// <c>Idempotency-Key</c>, <c>Stripe-Version</c>) with the objects Stripe's reference shows (<c>id</c>,
/// <c>object</c>, <c>status</c> …) and Stripe's error object and <c>Request-Id</c> header. Like Stripe it
/// refuses a body that is not a form and replays the stored answer for a repeated Idempotency-Key.
/// Scripted answers (429, 500) count as failures before the endpoint ran, which Stripe does not store.
/// Nothing leaves the machine.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    /// <summary>Destinations the fake refuses as Stripe does for an account that is not connected.</summary>
    public const string MissingAccountPrefix = "acct_missing";

    private readonly WebApplication _app;
    private readonly string _secretKey;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> _scripts = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _byIdempotencyKey = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeStripe(WebApplication app, string secretKey)
    {
        _app = app;
        _secretKey = secretKey;
    }

    public string BaseUrl => _app.Urls.First();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    public static async Task<FakeStripe> StartAsync(string secretKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app, secretKey);
        app.MapPost("/v1/{resource}", fake.Handle);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next requests to <paramref name="path"/> get these answers, in order.</summary>
    public void Script(string path, params ScriptedAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(path, _ => new ConcurrentQueue<ScriptedAnswer>());
        foreach (var answer in answers) queue.Enqueue(answer);
    }

    private async Task Handle(HttpContext http)
    {
        var at = DateTimeOffset.UtcNow;
        var path = http.Request.Path.Value!;
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var form = Parse(body);
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var authorization = http.Request.Headers.Authorization.FirstOrDefault();
        var contentType = http.Request.ContentType ?? "";
        var version = http.Request.Headers["Stripe-Version"].FirstOrDefault();

        int status;
        string answer;
        var replayed = false;
        if (_scripts.TryGetValue(path, out var script) && script.TryDequeue(out var scripted))
        {
            (status, answer) = (scripted.Status, scripted.Body);
            try
            {
                if (scripted.Delay > TimeSpan.Zero) await Task.Delay(scripted.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // Status 0: the client gave up waiting before the answer came.
                _requests.Enqueue(new RecordedRequest("POST", path, authorization, key, version, contentType, body, form, 0, false, at));
                return;
            }
            if (scripted.ShouldRetry is not null) http.Response.Headers["Stripe-Should-Retry"] = scripted.ShouldRetry;
        }
        else if (authorization != $"Bearer {_secretKey}")
        {
            (status, answer) = (401, Error("invalid_request_error", null, "Invalid API Key provided."));
        }
        else if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            (status, answer) = (400, Error("invalid_request_error", null, "Invalid request: unsupported Content-Type " + contentType + "."));
        }
        else if (key is not null && _byIdempotencyKey.TryGetValue($"{path}\n{key}", out var stored))
        {
            (status, answer, replayed) = (stored.Status, stored.Body, true);
        }
        else
        {
            (status, answer) = path switch
            {
                "/v1/payment_intents" => PaymentIntent(form),
                "/v1/transfers" => Transfer(form),
                _ => (404, Error("invalid_request_error", "resource_missing", $"Unrecognized request URL (POST: {path}).")),
            };
            if (key is not null) _byIdempotencyKey[$"{path}\n{key}"] = (status, answer);
        }

        _requests.Enqueue(new RecordedRequest("POST", path, authorization, key, version, contentType, body, form, status, replayed, at));
        http.Response.StatusCode = status;
        http.Response.Headers["Request-Id"] = "req_" + Id();
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer);
    }

    private static (int, string) PaymentIntent(IReadOnlyDictionary<string, string> form)
    {
        if (Missing(form, "amount", "currency") is { } missing) return missing;
        if (!long.TryParse(form["amount"], out var amount) || amount <= 0)
            return (400, Error("invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + form["amount"], "amount"));
        var id = "pi_" + Id();
        return (200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = amount,
            ["amount_received"] = 0,
            ["currency"] = form["currency"],
            ["status"] = "requires_payment_method",
            ["client_secret"] = $"{id}_secret_{Id()}",
            ["metadata"] = Metadata(form),
            ["livemode"] = false,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        }));
    }

    private static (int, string) Transfer(IReadOnlyDictionary<string, string> form)
    {
        if (Missing(form, "amount", "currency", "destination") is { } missing) return missing;
        if (form["destination"].StartsWith(MissingAccountPrefix, StringComparison.Ordinal))
            return (400, Error("invalid_request_error", "resource_missing", $"No such destination: '{form["destination"]}'", "destination"));
        return (200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = "tr_" + Id(),
            ["object"] = "transfer",
            ["amount"] = long.Parse(form["amount"]),
            ["amount_reversed"] = 0,
            ["currency"] = form["currency"],
            ["destination"] = form["destination"],
            ["transfer_group"] = form.GetValueOrDefault("transfer_group"),
            ["metadata"] = Metadata(form),
            ["reversed"] = false,
            ["livemode"] = false,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        }));
    }

    private static (int, string)? Missing(IReadOnlyDictionary<string, string> form, params string[] required) =>
        required.FirstOrDefault(f => !form.ContainsKey(f)) is { } field
            ? (400, Error("invalid_request_error", "parameter_missing", $"Missing required param: {field}.", field))
            : null;

    private static Dictionary<string, string> Metadata(IReadOnlyDictionary<string, string> form) =>
        form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
            .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value);

    public static string Error(string type, string? code, string message, string? param = null) =>
        JsonSerializer.Serialize(new { error = new { type, code, message, param } });

    private static Dictionary<string, string> Parse(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    private static string Id() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
