namespace PatentNav.Market.Silo.Payments;

/// <summary>Configuration section <c>Market:Stripe</c>. Stripe is off unless <see cref="SecretKey"/> is set.</summary>
public sealed class StripeOptions
{
    /// <summary><c>sk_live_…</c> or <c>sk_test_…</c>; Stripe.net sends it as <c>Authorization: Bearer</c>.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary><c>whsec_…</c>, the signing secret of the webhook endpoint (read by the gateway).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Stripe.net's <c>ApiBase</c>; tests point this at a fake on loopback.</summary>
    public string BaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>Per endpoint and silo. Stripe allows 25/s per endpoint in test mode and 100/s overall in live mode; we stay below.</summary>
    public int MaxRequestsPerSecond { get; set; } = 20;

    /// <summary>
    /// Stripe.net's max network retries after the first attempt (on 409, 429, 5xx and no answer; its own
    /// backoff, 0.5 s doubling up to 5 s). Our idempotency key makes a repeat replay rather than repeat.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>One attempt's limit, waiting for the rate limit included (the HttpClient's timeout).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The whole call, retries included, is given up after this (grain calls time out at 30 s).</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}
