using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Silo.Payments;

namespace PatentNav.Market.Tests.Payments;

/// <summary>
/// The Stripe.net gateway against the fake on loopback: what goes on the wire, Stripe.net's retries (real
/// backoff, 0.5 s doubling), error mapping, time limits and the per-endpoint rate limit.
/// </summary>
public sealed class StripeGatewayTests : IAsyncLifetime
{
    private const string Key = "sk_test_client_0123456789";
    private const string Transfers = "/v1/transfers";
    private FakeStripe _stripe = null!;
    private readonly List<StripeGateway> _gateways = [];

    public async Task InitializeAsync() => _stripe = await FakeStripe.StartAsync(Key);

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways) gateway.Dispose();
        await _stripe.DisposeAsync();
    }

    private StripeGateway Gateway(Action<StripeOptions>? configure = null)
    {
        var options = new StripeOptions { SecretKey = Key, BaseUrl = _stripe.BaseUrl };
        configure?.Invoke(options);
        var gateway = new StripeGateway(Options.Create(options));
        _gateways.Add(gateway);
        return gateway;
    }

    private static Task<StripeTransfer> Transfer(IStripeGateway gateway, string idempotencyKey, string destination = "acct_1TestDestination") =>
        gateway.CreateTransfer(destination, new Money(500, "USD"), "grp", idempotencyKey);

    [Fact]
    public async Task A_payment_intent_is_a_form_POST_with_the_secret_key_our_idempotency_key_and_the_API_version()
    {
        var intent = await Gateway().CreatePaymentIntent("inv_0123456789abcdef_01234567", "lic_0123456789abcdef", new Money(200_000, "CNY"), "op-1");

        var request = Assert.Single(_stripe.Requests);
        Assert.Equal(("/v1/payment_intents", $"Bearer {Key}", "op-1", 200), (request.Path, request.Authorization, request.IdempotencyKey, request.Status));
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(Stripe.StripeConfiguration.ApiVersion, request.StripeVersion);
        Assert.Equal(("200000", "cny", "true", "Invoice inv_0123456789abcdef_01234567"),
            (request.Form["amount"], request.Form["currency"], request.Form["automatic_payment_methods[enabled]"], request.Form["description"]));
        Assert.Equal("inv_0123456789abcdef_01234567", request.Form["metadata[invoice_id]"]);
        Assert.Equal("lic_0123456789abcdef", request.Form["metadata[licence_id]"]);
        Assert.StartsWith("pi_", intent.Id);
        Assert.StartsWith(intent.Id + "_secret_", intent.ClientSecret);
        Assert.Equal("requires_payment_method", intent.Status);
    }

    [Fact]
    public async Task A_transfer_names_destination_and_transfer_group_and_a_repeated_key_gets_Stripes_replay()
    {
        var gateway = Gateway();
        var transfer = await gateway.CreateTransfer("acct_1TestDestination", new Money(9_900, "USD"), "dist_2030Q1", "po_1",
            new Dictionary<string, string> { ["payout_id"] = "po_1" });
        var again = await gateway.CreateTransfer("acct_1TestDestination", new Money(9_900, "USD"), "dist_2030Q1", "po_1");

        var sent = _stripe.RequestsTo(Transfers);
        Assert.Equal(("9900", "usd", "acct_1TestDestination", "dist_2030Q1", "po_1"),
            (sent[0].Form["amount"], sent[0].Form["currency"], sent[0].Form["destination"], sent[0].Form["transfer_group"], sent[0].Form["metadata[payout_id]"]));
        Assert.StartsWith("tr_", transfer.Id);
        Assert.Equal([false, true], sent.Select(r => r.Replayed));
        Assert.Equal(transfer.Id, again.Id);
    }

    [Fact]
    public async Task A_429_and_a_500_are_retried_after_a_backoff_with_the_same_idempotency_key_and_body()
    {
        _stripe.Script(Transfers, ScriptedAnswer.RateLimited(), ScriptedAnswer.ServerError());

        var transfer = await Transfer(Gateway(), "po-retry");

        var attempts = _stripe.RequestsTo(Transfers);
        Assert.Equal([429, 500, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.Equal("po-retry", a.IdempotencyKey));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        Assert.StartsWith("tr_", transfer.Id);
        // Stripe.net waits at least 0.5 s before a retry, then about twice as long.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(450), $"{attempts[1].At - attempts[0].At}");
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromMilliseconds(700), $"{attempts[2].At - attempts[1].At}");
    }

    [Fact]
    public async Task Retries_are_bounded_by_MaxRetries_and_end_in_a_transient_error()
    {
        _stripe.Script(Transfers, Enumerable.Repeat(ScriptedAnswer.ServerError(), 5).ToArray());

        var error = await Assert.ThrowsAsync<StripeGatewayException>(() => Transfer(Gateway(o => o.MaxRetries = 2), "po-bounded"));

        Assert.Equal(3, _stripe.RequestsTo(Transfers).Count);
        Assert.Equal((HttpStatusCode.InternalServerError, "api_error", true), (error.Status, error.ErrorType, error.Transient));
        Assert.Equal("stripe", error.Provider);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_becomes_a_typed_error_with_Stripes_type_code_param_message_and_request_id()
    {
        var error = await Assert.ThrowsAsync<StripeGatewayException>(() => Transfer(Gateway(), "po-400", FakeStripe.MissingAccountPrefix + "0001"));

        Assert.Single(_stripe.RequestsTo(Transfers));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "destination", false),
            (error.Status, error.ErrorType, error.Code, error.Param, error.Transient));
        Assert.Contains("No such destination", error.Message);
        Assert.StartsWith("req_", error.RequestId);
    }

    [Theory]
    [InlineData(401, "invalid_request_error", "api_key_expired")]
    [InlineData(402, "card_error", "card_declined")]
    [InlineData(404, "invalid_request_error", "resource_missing")]
    public async Task Other_4xx_answers_are_final_too(int status, string type, string code)
    {
        _stripe.Script(Transfers, ScriptedAnswer.Refused(status, type, code));

        var error = await Assert.ThrowsAsync<StripeGatewayException>(() => Transfer(Gateway(), $"po-{status}"));

        Assert.Single(_stripe.RequestsTo(Transfers));
        Assert.Equal(((HttpStatusCode)status, type, code, false), (error.Status, error.ErrorType, error.Code, error.Transient));
    }

    [Fact]
    public async Task Stripe_Should_Retry_false_stops_the_retry_of_a_500_and_of_a_429()
    {
        _stripe.Script(Transfers, ScriptedAnswer.ServerError() with { ShouldRetry = "false" }, ScriptedAnswer.RateLimited() with { ShouldRetry = "false" });
        var gateway = Gateway();

        var serverError = await Assert.ThrowsAsync<StripeGatewayException>(() => Transfer(gateway, "po-advice-500"));
        var rateLimited = await Assert.ThrowsAsync<StripeGatewayException>(() => Transfer(gateway, "po-advice-429"));

        Assert.Equal([500, 429], _stripe.RequestsTo(Transfers).Select(r => r.Status));
        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests), (serverError.Status, rateLimited.Status));
        Assert.True(serverError.Transient && rateLimited.Transient);
    }

    [Fact]
    public async Task No_answer_is_retried_then_becomes_a_transient_connection_error()
    {
        // A loopback port that was just free: nothing listens there, so each attempt is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<StripeGatewayException>(() =>
            Transfer(Gateway(o => (o.BaseUrl, o.MaxRetries) = ($"http://127.0.0.1:{port}", 1)), "po-refused"));

        Assert.Equal((null, "api_connection_error", true), (error.Status, error.ErrorType, error.Transient));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(450), "one retry after Stripe.net's backoff");
    }

    [Fact]
    public async Task RequestTimeout_ends_a_slow_attempt_and_MaxCallDuration_ends_the_call()
    {
        _stripe.Script(Transfers, Enumerable.Repeat(ScriptedAnswer.ServerError() with { Delay = TimeSpan.FromSeconds(10) }, 10).ToArray());
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<StripeGatewayException>(() => Transfer(Gateway(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 10;
            o.MaxCallDuration = TimeSpan.FromSeconds(2);
        }), "po-slow"));

        var took = DateTimeOffset.UtcNow - started;
        Assert.Equal((null, "api_connection_error", true), (error.Status, error.ErrorType, error.Transient));
        Assert.InRange(took, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(5));
        // Timed-out attempts were retried (300 ms each, backoff 0.5 s then 1 s), but far fewer than MaxRetries allows.
        await WaitUntil(() => _stripe.RequestsTo(Transfers).Count >= 2);
        Assert.InRange(_stripe.RequestsTo(Transfers).Count, 2, 4);
    }

    [Fact]
    public async Task At_most_MaxRequestsPerSecond_start_per_endpoint_in_any_second_and_other_endpoints_have_their_own_budget()
    {
        const int limit = 5;
        var gateway = Gateway(o => o.MaxRequestsPerSecond = limit);

        var transfers = Enumerable.Range(0, 3 * limit).Select(i => Transfer(gateway, $"po-rate-{i}")).ToList();
        var intent = gateway.CreatePaymentIntent("inv_0123456789abcdef_01234567", "lic_0123456789abcdef", new Money(1, "USD"), "op-rate");
        await Task.WhenAll([.. transfers, intent]);

        var sent = _stripe.RequestsTo(Transfers).Select(r => r.At).Order().ToList();
        Assert.Equal(3 * limit, sent.Count);
        // A sliding window of 10 segments frees a permit 0.9-1 s after it was used.
        Assert.All(Enumerable.Range(limit, 2 * limit), i =>
            Assert.True(sent[i] - sent[i - limit] >= TimeSpan.FromMilliseconds(850), $"start {i}: {sent[i] - sent[i - limit]} after start {i - limit}"));
        // …but it is a ceiling, not a queue of one: the three batches go out within a few seconds (the
        // limiter's timer frees permits 1-1.5 s after use on a busy machine), each batch at once.
        Assert.True(sent[^1] - sent[0] < TimeSpan.FromSeconds(5), string.Join(", ", sent.Select(s => (s - sent[0]).TotalMilliseconds)));
        Assert.True(sent[limit - 1] - sent[0] < TimeSpan.FromMilliseconds(500), "the first batch did not wait");
        var intentAt = Assert.Single(_stripe.RequestsTo("/v1/payment_intents")).At;
        Assert.True(intentAt - sent[0] < TimeSpan.FromMilliseconds(500), "the payment intent did not wait for the transfers' budget");
    }

    [Fact]
    public async Task Retries_pass_the_rate_limit_too()
    {
        _stripe.Script(Transfers, ScriptedAnswer.ServerError());

        await Transfer(Gateway(o => o.MaxRequestsPerSecond = 1), "po-rate-retry");

        var attempts = _stripe.RequestsTo(Transfers);
        Assert.Equal([500, 200], attempts.Select(a => a.Status));
        // Stripe.net's first backoff is 0.5 s; the second start waits for the permit the first used.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(850), $"{attempts[1].At - attempts[0].At}");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++) await Task.Delay(100);
    }
}
