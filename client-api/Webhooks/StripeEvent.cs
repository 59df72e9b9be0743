using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.ClientApi.Webhooks;

/// <summary>
/// The parts of a Stripe event (<c>{"id": "evt_…", "type": "payment_intent.succeeded", "created": …,
/// "data": {"object": {…the PaymentIntent…}}}</c>) the market acts on. Read from the verified raw body;
/// unknown fields are ignored, since Stripe adds fields without notice.
/// </summary>
public sealed record StripeEvent(string Id, string Type, StripeEventNotice Notice)
{
    public bool IsPaymentIntentEvent => Type.StartsWith("payment_intent.", StringComparison.Ordinal);

    /// <summary>The event, or null when the body is not an event object.</summary>
    public static StripeEvent? Parse(ReadOnlySpan<byte> payload)
    {
        try
        {
            var root = JsonDocument.Parse(payload.ToArray()).RootElement;
            if (Text(root, "id") is not { Length: > 0 and <= 255 } id || id.Any(char.IsControl) || Text(root, "type") is not { Length: > 0 } type)
                return null;
            var created = root.TryGetProperty("created", out var c) && c.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UnixEpoch;
            var intent = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
            return new StripeEvent(id, type, new StripeEventNotice(type, created, Text(intent, "id"),
                Metadata(intent, StripePaymentIntents.InvoiceIdKey), AmountReceived(intent), Metadata(intent, StripePaymentIntents.TransferIdKey)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Stripe counts in minor units with lower-case ISO codes; the ledger uses upper case.</summary>
    private static Money? AmountReceived(JsonElement intent) =>
        intent.ValueKind == JsonValueKind.Object && intent.TryGetProperty("amount_received", out var a) && a.TryGetInt64(out var amount)
            && Text(intent, "currency") is { Length: > 0 } currency
            ? new Money(amount, currency.ToUpperInvariant())
            : null;

    private static string? Metadata(JsonElement intent, string key) =>
        intent.ValueKind == JsonValueKind.Object && intent.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? Text(metadata, key) : null;

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
