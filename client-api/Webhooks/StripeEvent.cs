using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;
using Stripe;

namespace PatentNav.Market.ClientApi.Webhooks;

/// <summary>
/// The parts of a Stripe event (<c>{"id": "evt_…", "type": "payment_intent.succeeded", "created": …,
/// "data": {"object": {…the PaymentIntent…}}}</c>) the market acts on, read by Stripe.net from the raw
/// body once its signature is verified.
/// </summary>
public sealed record StripeEvent(string Id, string Type, StripeEventNotice Notice)
{
    /// <summary>Seconds between the signature's timestamp and now beyond which a delivery is a replay (Stripe's default).</summary>
    public const long ToleranceSeconds = EventUtility.DefaultTimeTolerance;

    private const string NotAnEvent = "The body is not a Stripe event.";

    public bool IsPaymentIntentEvent => Type.StartsWith("payment_intent.", StringComparison.Ordinal);

    /// <summary>
    /// Verifies <paramref name="signatureHeader"/> (<c>t=…,v1=…</c>, HMAC-SHA256 of <c>"{t}.{json}"</c> under
    /// <paramref name="secret"/>, any one <c>v1</c> matching, within <see cref="ToleranceSeconds"/> of
    /// <paramref name="now"/>) with <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>,
    /// then reads the event. Refusals: <c>invalid_signature</c> with Stripe.net's reason, or
    /// <c>malformed_json</c> for a signed body that is no event.
    /// </summary>
    public static (StripeEvent? Event, string? Code, string? Detail) Construct(string json, string? signatureHeader, string secret, DateTimeOffset now)
    {
        // Stripe.net dereferences the header unchecked.
        if (string.IsNullOrWhiteSpace(signatureHeader))
            return (null, "invalid_signature", "The Stripe-Signature header is missing.");
        Event stripeEvent;
        try
        {
            // The market reads only id, type, created and the PaymentIntent's id, amount and metadata, which are
            // the same in every API version, so an event of another version than Stripe.net's is accepted.
            stripeEvent = EventUtility.ConstructEvent(json, signatureHeader, secret, ToleranceSeconds, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            return (null, "invalid_signature", ex.Message);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return (null, "malformed_json", NotAnEvent);
        }
        if (stripeEvent is not { Id: { Length: > 0 and <= 255 } id, Type: { Length: > 0 } type } || id.Any(char.IsControl))
            return (null, "malformed_json", NotAnEvent);
        var intent = stripeEvent.Data?.Object as PaymentIntent;
        return (new StripeEvent(id, type, new StripeEventNotice(type, new DateTimeOffset(stripeEvent.Created, TimeSpan.Zero), intent?.Id,
            Metadata(intent, StripePaymentIntents.InvoiceIdKey), AmountReceived(intent), Metadata(intent, StripePaymentIntents.TransferIdKey))), null, null);
    }

    /// <summary>Stripe counts in minor units with lower-case ISO codes; the ledger uses upper case.</summary>
    private static Money? AmountReceived(PaymentIntent? intent) =>
        intent is { Currency: { Length: > 0 } currency } ? new Money(intent.AmountReceived, currency.ToUpperInvariant()) : null;

    private static string? Metadata(PaymentIntent? intent, string key) => intent?.Metadata?.GetValueOrDefault(key);
}
