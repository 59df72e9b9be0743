using System.Net;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// Stripe's error object (type, code, message, param) as Stripe.net read it, with the HTTP status and
/// Stripe's request id (for their support). Transient when repeating later may succeed (429, 5xx, no answer);
/// that is what grains act on (a payout stays in flight) and what the gateway answers (503 rather than 502).
/// </summary>
public sealed class StripeGatewayException(
    HttpStatusCode? status, string type, string? code, string message, string? param = null, string? requestId = null)
    : PaymentProviderException("stripe", type, code, message, transient: status is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
{
    /// <summary>Null when no answer came (connection failure, timeout).</summary>
    public HttpStatusCode? Status { get; } = status;

    public string? Param { get; } = param;

    public string? RequestId { get; } = requestId;

    public static StripeGatewayException From(Stripe.StripeException ex) => new(ex.HttpStatusCode,
        ex.StripeError?.Type ?? "api_error", ex.StripeError?.Code, ex.StripeError?.Message ?? ex.Message,
        ex.StripeError?.Param, ex.StripeResponse?.RequestId);

    public static StripeGatewayException NoAnswer(Exception ex) =>
        new(null, "api_connection_error", null, $"No answer from Stripe: {ex.Message}");
}
