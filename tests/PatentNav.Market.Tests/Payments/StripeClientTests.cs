using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Silo.Payments;

namespace PatentNav.Market.Tests.Payments;

/// <summary>The Stripe client against the fake on loopback: encoding, headers, retries, errors, rate limit.</summary>
public sealed class StripeClientTests : IAsyncLifetime
{
    private const string Key = "sk_test_client_0123456789";
    private FakeStripe _stripe = null!;
    private readonly List<TimeSpan> _sleeps = [];

    public async Task InitializeAsync() => _stripe = await FakeStripe.StartAsync(Key);

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    private StripeClient Client(TimeProvider? clock = null, HttpMessageHandler? handler = null, int maxRetries = 3)
    {
        var options = new StripeOptions { SecretKey = Key, BaseUrl = _stripe.BaseUrl, MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromMilliseconds(200) };
        clock ??= TimeProvider.System;
        var client = new StripeClient(handler is null ? new HttpClient() : new HttpClient(handler), Options.Create(options),
            new StripeRateLimiter(options.MaxRequestsPerSecond, clock), clock, NullLogger<StripeClient>.Instance);
        // Waits are recorded, not slept: the tests check what the client would wait.
        client.Sleep = (delay, _) =>
        {
            lock (_sleeps) _sleeps.Add(delay);
            (clock as ManualClock)?.Advance(delay);
            return Task.CompletedTask;
        };
        return client;
    }

    [Fact]
    public void Nested_keys_lists_and_values_are_form_encoded_as_Stripe_expects()
    {
        var body = StripeForm.Encode(
        [
            new("amount", 1_250_000L),
            new("currency", "cny"),
            new("automatic_payment_methods", new Dictionary<string, object?> { ["enabled"] = true }),
            new("metadata", new Dictionary<string, string> { ["invoice_id"] = "inv_0123456789abcdef_01234567", ["note"] = "a b&c=d/é" }),
            new("expand", new[] { "latest_charge", "customer" }),
            new("description", null),
        ]);

        Assert.Equal(
            "amount=1250000&currency=cny&automatic_payment_methods%5Benabled%5D=true"
            + "&metadata%5Binvoice_id%5D=inv_0123456789abcdef_01234567&metadata%5Bnote%5D=a%20b%26c%3Dd%2F%C3%A9"
            + "&expand%5B0%5D=latest_charge&expand%5B1%5D=customer",
            body);
    }

    [Fact]
    public async Task A_payment_intent_is_a_form_POST_with_the_secret_key_and_our_idempotency_key()
    {
        var intent = await Client().CreatePaymentIntent("inv_0123456789abcdef_01234567", "lic_0123456789abcdef", new Money(200_000, "CNY"), "op-1");

        var request = Assert.Single(_stripe.Requests);
        Assert.Equal(("/v1/payment_intents", $"Bearer {Key}", "op-1"), (request.Path, request.Authorization, request.IdempotencyKey));
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("200000", request.Form["amount"]);
        Assert.Equal("cny", request.Form["currency"]);
        Assert.Equal("inv_0123456789abcdef_01234567", request.Form["metadata[invoice_id]"]);
        Assert.Equal("lic_0123456789abcdef", request.Form["metadata[licence_id]"]);
        Assert.StartsWith("pi_", intent.Id);
        Assert.StartsWith(intent.Id + "_secret_", intent.ClientSecret);
        Assert.Equal("requires_payment_method", intent.Status);
    }

    [Fact]
    public async Task A_transfer_names_destination_and_transfer_group_and_every_POST_carries_an_idempotency_key()
    {
        var client = Client();
        var transfer = await client.CreateTransfer("acct_1TestDestination", new Money(9_900, "USD"), "dist_2030Q1", "po_1",
            new Dictionary<string, string> { ["payout_id"] = "po_1" });
        await client.CreatePaymentIntent("inv_0123456789abcdef_01234567", "lic_0123456789abcdef", new Money(1, "USD"), "op-2");

        var sent = _stripe.RequestsTo("/v1/transfers").Single();
        Assert.Equal(("9900", "usd", "acct_1TestDestination", "dist_2030Q1", "po_1"),
            (sent.Form["amount"], sent.Form["currency"], sent.Form["destination"], sent.Form["transfer_group"], sent.Form["metadata[payout_id]"]));
        Assert.StartsWith("tr_", transfer.Id);
        Assert.All(_stripe.Requests, r => Assert.False(string.IsNullOrEmpty(r.IdempotencyKey)));
    }

    [Fact]
    public async Task A_429_and_a_500_are_retried_with_the_same_idempotency_key_and_Retry_After_is_honoured()
    {
        _stripe.Script("/v1/transfers", ScriptedAnswer.RateLimited(retryAfter: "2"), ScriptedAnswer.ServerError());

        var transfer = await Client().CreateTransfer("acct_1TestDestination", new Money(500, "USD"), "grp", "po-retry");

        var attempts = _stripe.RequestsTo("/v1/transfers");
        Assert.Equal([429, 500, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.Equal("po-retry", a.IdempotencyKey));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        Assert.StartsWith("tr_", transfer.Id);
        // Retry-After: 2 is taken as given; the 500 gets the second backoff step, 50–100 % of 2 × 200 ms.
        Assert.Equal(TimeSpan.FromSeconds(2), _sleeps[0]);
        Assert.InRange(_sleeps[1], TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task Retries_are_bounded_and_end_in_a_transient_error()
    {
        _stripe.Script("/v1/transfers", Enumerable.Repeat(ScriptedAnswer.ServerError(), 5).ToArray());

        var error = await Assert.ThrowsAsync<StripeException>(() => Client(maxRetries: 2).CreateTransfer("acct_1X", new Money(500, "USD"), "grp", "po-bounded"));

        Assert.Equal(3, _stripe.RequestsTo("/v1/transfers").Count);
        Assert.Equal((HttpStatusCode.InternalServerError, "api_error", true), (error.Status, error.ErrorType, error.Transient));
    }

    [Fact]
    public async Task A_400_is_not_retried_and_becomes_a_typed_error_with_Stripes_type_code_and_message()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() =>
            Client().CreateTransfer(FakeStripe.MissingAccountPrefix + "0001", new Money(500, "USD"), "grp", "po-400"));

        Assert.Single(_stripe.RequestsTo("/v1/transfers"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "destination", false),
            (error.Status, error.ErrorType, error.Code, error.Param, error.Transient));
        Assert.Contains("No such destination", error.Message);
        Assert.StartsWith("req_", error.RequestId);
        Assert.Empty(_sleeps);
    }

    [Fact]
    public async Task Stripe_Should_Retry_false_stops_retrying_a_replayed_failure()
    {
        _stripe.Script("/v1/transfers", ScriptedAnswer.ServerError() with { ShouldRetry = "false" });

        await Assert.ThrowsAsync<StripeException>(() => Client().CreateTransfer("acct_1X", new Money(500, "USD"), "grp", "po-advice"));

        Assert.Single(_stripe.RequestsTo("/v1/transfers"));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped_and_Retry_After_dates_count_from_now()
    {
        var options = new StripeOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(500), MaxRetryDelay = TimeSpan.FromSeconds(5) };
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var low = new StripeRetryPolicy(options, () => 0.0);
        var high = new StripeRetryPolicy(options, () => 1.0);

        Assert.Equal([250, 500, 1_000, 2_000], Enumerable.Range(1, 4).Select(r => low.DelayBefore(r, null, now).TotalMilliseconds));
        Assert.Equal([500, 1_000, 2_000, 4_000, 5_000], Enumerable.Range(1, 5).Select(r => high.DelayBefore(r, null, now).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(3), low.DelayBefore(1, new RetryConditionHeaderValue(now.AddSeconds(3)), now));
        Assert.Equal(TimeSpan.FromSeconds(5), low.DelayBefore(1, new RetryConditionHeaderValue(TimeSpan.FromSeconds(60)), now));
        Assert.True(StripeRetryPolicy.IsRetryable(HttpStatusCode.TooManyRequests) && StripeRetryPolicy.IsRetryable(HttpStatusCode.BadGateway));
        Assert.False(StripeRetryPolicy.IsRetryable(HttpStatusCode.Conflict) || StripeRetryPolicy.IsRetryable(HttpStatusCode.PaymentRequired));
    }

    [Fact]
    public void The_rate_limiter_never_schedules_more_than_20_starts_in_any_second_per_endpoint()
    {
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var limiter = new StripeRateLimiter(20, clock);
        var start = clock.GetUtcNow();

        // 100 callers at the same instant, from many threads.
        var slots = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();
        Parallel.For(0, 100, _ => slots.Add(start + limiter.Reserve("/v1/transfers")));
        var other = start + limiter.Reserve("/v1/payment_intents");

        var sorted = slots.Order().ToList();
        Assert.All(Enumerable.Range(20, 80), i => Assert.True(sorted[i] - sorted[i - 20] >= TimeSpan.FromSeconds(1)));
        // …and no slower than that: 20 now, 20 a second later, and so on.
        Assert.Equal([20, 20, 20, 20, 20], sorted.GroupBy(s => (s - start).TotalSeconds).Select(g => g.Count()));
        Assert.Equal(start, other); // another endpoint has its own budget
    }

    [Fact]
    public async Task Sequential_requests_through_the_client_keep_to_20_per_second_on_a_fake_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sentAt = new List<DateTimeOffset>();
        var client = Client(clock, new RecordingHandler(() => sentAt.Add(clock.GetUtcNow())));

        for (var i = 0; i < 50; i++) await client.CreateTransfer("acct_1X", new Money(100, "USD"), "grp", $"po-rate-{i}");

        Assert.Equal(50, _stripe.RequestsTo("/v1/transfers").Count);
        var start = sentAt[0];
        Assert.All(Enumerable.Range(20, 30), i => Assert.True(sentAt[i] - sentAt[i - 20] >= TimeSpan.FromSeconds(1)));
        Assert.Equal([20, 20, 10], sentAt.GroupBy(t => Math.Floor((t - start).TotalSeconds)).Select(g => g.Count()));
    }

    /// <summary>Notes when each request leaves the client.</summary>
    private sealed class RecordingHandler(Action onSend) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
