using System.Net;
using System.Threading.RateLimiting;

namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// The bottom of Stripe.net's HttpClient, so every attempt (retries included) passes here. It waits for
/// a permit of the request's endpoint: at most <c>MaxRequestsPerSecond</c> starts per path in any second
/// (a sliding window of 10 segments; its timer frees a permit 1-1.3 s after use, so the rate reached is
/// somewhat below the ceiling), one limiter per silo. A fixed window or a token bucket would let up to
/// twice as many through around a refill, and Stripe counts per rolling second. And it marks
/// a 429 as retryable: Stripe.net repeats 409, 5xx and network failures by itself, but a 429 only when
/// Stripe says <c>Stripe-Should-Retry: true</c>; an explicit <c>false</c> from Stripe is left alone.
/// </summary>
public sealed class StripeRequestHandler(int maxRequestsPerSecond) : DelegatingHandler(new SocketsHttpHandler
{
    // One HttpClient lives as long as the silo; this makes it notice DNS changes at Stripe.
    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
})
{
    private const string ShouldRetry = "Stripe-Should-Retry";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(path =>
        RateLimitPartition.GetSlidingWindowLimiter(path, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = maxRequestsPerSecond,
            Window = TimeSpan.FromSeconds(1),
            SegmentsPerWindow = 10,
            // Callers queue rather than fail; the attempt's timeout (RequestTimeout) bounds the wait.
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(request.RequestUri!.AbsolutePath, 1, cancellationToken);
        if (!lease.IsAcquired) throw new HttpRequestException($"No rate-limit permit for {request.RequestUri.AbsolutePath}.");
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && !response.Headers.Contains(ShouldRetry))
            response.Headers.TryAddWithoutValidation(ShouldRetry, "true");
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _limiter.Dispose();
        base.Dispose(disposing);
    }
}
