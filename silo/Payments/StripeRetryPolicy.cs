using System.Net;
using System.Net.Http.Headers;

namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// When to repeat a Stripe request and how long to wait first. Repeating is safe because every POST
/// carries the same idempotency key. Only 429 (rate limited) and 5xx are repeated, as Stripe advises;
/// any other 4xx is an answer about the request itself and would come back the same.
/// </summary>
public sealed class StripeRetryPolicy(StripeOptions options, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public int MaxRetries => options.MaxRetries;

    public static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): the server's Retry-After if it
    /// sent one, else exponential backoff with jitter (50–100 % of base × 2^(retry−1), so that clients
    /// limited together do not come back together); never more than <see cref="StripeOptions.MaxRetryDelay"/>.
    /// </summary>
    public TimeSpan DelayBefore(int retry, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        var wait = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => options.RetryBaseDelay * Math.Pow(2, retry - 1) * (0.5 + _random() / 2),
        };
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > options.MaxRetryDelay ? options.MaxRetryDelay : wait;
    }
}
