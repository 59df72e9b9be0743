using System.Net;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// Stripe's error object (<c>{"error": {"type", "code", "message", "param"}}</c>) with the HTTP status and
/// Stripe's request id (for their support). Transient when retrying later may succeed (429, 5xx, network).
/// </summary>
public sealed class StripeException(
    HttpStatusCode? status, string type, string? code, string message, string? param = null, string? requestId = null)
    : PaymentProviderException("stripe", type, code, message, transient: status is null || StripeRetryPolicy.IsRetryable(status.Value))
{
    /// <summary>Null when no answer came (connection failure, timeout).</summary>
    public HttpStatusCode? Status { get; } = status;

    public string? Param { get; } = param;

    public string? RequestId { get; } = requestId;
}
