using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// Stripe's REST API over a plain <see cref="HttpClient"/>: form-encoded POSTs with the secret key as
/// bearer token and our idempotency key on every POST, a per-endpoint rate limit, bounded retries on
/// 429/5xx/network failures (same key, so Stripe replays rather than repeats), and Stripe's error
/// object turned into <see cref="StripeException"/>.
/// </summary>
public sealed class StripeClient(
    HttpClient http, IOptions<StripeOptions> options, StripeRateLimiter limiter, TimeProvider clock, ILogger<StripeClient> logger) : IStripeGateway
{
    private readonly StripeOptions _options = options.Value;
    private readonly StripeRetryPolicy _retries = new(options.Value);

    /// <summary>How the client waits (backoff, rate limit); tests replace it to run on a fake clock.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Sleep { get; set; } = (delay, ct) => Task.Delay(delay, ct);

    public bool IsConfigured => _options.IsConfigured;

    public async Task<StripePaymentIntent> CreatePaymentIntent(
        Money amount, string description, IReadOnlyDictionary<string, string> metadata, string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var json = await PostAsync("/v1/payment_intents", idempotencyKey,
        [
            new("amount", amount.Amount),
            new("currency", amount.Currency.ToLowerInvariant()),
            // Payment methods are chosen in the Stripe Dashboard, not hard-coded here.
            new("automatic_payment_methods", new Dictionary<string, object?> { ["enabled"] = true }),
            new("description", description),
            new("metadata", metadata),
        ], cancellationToken);
        return new StripePaymentIntent(Text(json, "id"), Text(json, "client_secret"), Text(json, "status"));
    }

    public async Task<StripeTransfer> CreateTransfer(
        string destinationAccountId, Money amount, string transferGroup, string idempotencyKey,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var json = await PostAsync("/v1/transfers", idempotencyKey,
        [
            new("amount", amount.Amount),
            new("currency", amount.Currency.ToLowerInvariant()),
            new("destination", destinationAccountId),
            new("transfer_group", transferGroup),
            new("metadata", metadata),
        ], cancellationToken);
        return new StripeTransfer(Text(json, "id"));
    }

    /// <summary>One logical POST: rate-limited attempts until a final answer or the retries run out.</summary>
    private async Task<JsonElement> PostAsync(string path, string idempotencyKey, KeyValuePair<string, object?>[] fields, CancellationToken cancellationToken)
    {
        if (!IsConfigured) throw new InvalidOperationException("Stripe is not configured (Market:Stripe:SecretKey).");
        var body = StripeForm.Encode(fields);
        var deadline = clock.GetUtcNow() + _options.MaxCallDuration;
        for (var retry = 0; ; retry++)
        {
            var wait = limiter.Reserve(path);
            if (wait > TimeSpan.Zero) await Sleep(wait, cancellationToken);

            StripeException failure;
            RetryConditionHeaderValue? retryAfter = null;
            try
            {
                using var response = await SendAsync(path, idempotencyKey, body, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode) return JsonDocument.Parse(text).RootElement.Clone();
                failure = ErrorOf(response, text);
                retryAfter = response.Headers.RetryAfter;
                // Stripe says so when a repeat would only replay the failure it stored under this key.
                if (response.Headers.TryGetValues("Stripe-Should-Retry", out var advice) && advice.FirstOrDefault() == "false") throw failure;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // No answer (connection refused, reset, attempt timed out): the request may or may not have run; the key makes repeating safe.
                failure = new StripeException(null, "api_connection_error", null, $"No answer from Stripe: {ex.Message}");
            }

            if (!failure.Transient || retry >= _retries.MaxRetries) throw failure;
            var delay = _retries.DelayBefore(retry + 1, retryAfter, clock.GetUtcNow());
            if (clock.GetUtcNow() + delay + _options.RequestTimeout > deadline) throw failure;
            logger.LogWarning("Stripe POST {Path} failed ({Status} {Type}); retry {Retry} of {Max} in {Delay} ms with the same idempotency key",
                path, (int?)failure.Status, failure.ErrorType, retry + 1, _retries.MaxRetries, (int)delay.TotalMilliseconds);
            await Sleep(delay, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string idempotencyKey, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_options.BaseUrl), path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.SecretKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.RequestTimeout);
        return await http.SendAsync(request, attempt.Token);
    }

    /// <summary>Stripe answers errors as <c>{"error": {"type", "code", "message", "param"}}</c>; anything else (a proxy's page) keeps the status.</summary>
    private static StripeException ErrorOf(HttpResponseMessage response, string text)
    {
        var requestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        try
        {
            if (JsonDocument.Parse(text).RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                return new StripeException(response.StatusCode,
                    Optional(error, "type") ?? "api_error", Optional(error, "code"),
                    Optional(error, "message") ?? $"Stripe answered {(int)response.StatusCode}.", Optional(error, "param"), requestId);
        }
        catch (JsonException)
        {
        }
        return new StripeException(response.StatusCode, "api_error", null, $"Stripe answered {(int)response.StatusCode} without an error object.", null, requestId);
    }

    private static string? Optional(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Text(JsonElement json, string name) =>
        Optional(json, name) ?? throw new StripeException(HttpStatusCode.OK, "api_error", null, $"Stripe's answer has no '{name}'.");
}
