namespace PatentNav.Market.Silo.Payments;

/// <summary>Configuration section <c>Market:Stripe</c>. Stripe is off unless <see cref="SecretKey"/> is set.</summary>
public sealed class StripeOptions
{
    /// <summary><c>sk_live_…</c> or <c>sk_test_…</c>; sent as <c>Authorization: Bearer</c>.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary><c>whsec_…</c>, the signing secret of the webhook endpoint (read by the gateway).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Tests point this at a fake on loopback.</summary>
    public string BaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>Per endpoint and silo. Stripe allows 25/s per endpoint in test mode and 100/s overall in live mode; we stay below.</summary>
    public int MaxRequestsPerSecond { get; set; } = 20;

    /// <summary>Retries after the first attempt, on 429, 5xx and network failures only.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff; doubled per retry, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Caps backoff and any Retry-After, so a call stays well inside the grain call timeout (30 s).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One attempt's limit.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>No retry starts that could end after this much time since the first attempt (grain calls time out at 30 s).</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}
