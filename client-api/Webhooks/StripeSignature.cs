using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PatentNav.Market.ClientApi.Webhooks;

/// <summary>Configuration section <c>Market:Stripe</c> as the webhook reads it.</summary>
public sealed class StripeWebhookOptions
{
    /// <summary><c>whsec_…</c>: the signing secret of our webhook endpoint in the Stripe Dashboard.</summary>
    public string WebhookSecret { get; set; } = "";
}

public enum SignatureCheck
{
    Valid,
    /// <summary>No header, no <c>t=</c>, or no <c>v1=</c> signature.</summary>
    Malformed,
    /// <summary>No <c>v1</c> signature matches the payload under our secret.</summary>
    Mismatch,
    /// <summary>Signed, but the timestamp is outside the tolerance: a replay, or a badly wrong clock.</summary>
    Stale,
}

/// <summary>
/// Stripe's webhook signatures: <c>Stripe-Signature: t={unix seconds},v1={hex},v1=…</c>, each <c>v1</c>
/// an HMAC-SHA256 under the endpoint's secret over <c>"{t}.{raw body}"</c>. Several <c>v1</c> values
/// appear while a secret is being rolled; one match suffices. Other schemes (<c>v0</c>) are ignored.
/// The timestamp is signed too, so the tolerance check stops replays of old deliveries.
/// </summary>
public static class StripeSignature
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> payload, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var item in (header ?? "").Split(','))
        {
            var separator = item.IndexOf('=');
            if (separator <= 0) continue;
            var (key, value) = (item[..separator].Trim(), item[(separator + 1)..].Trim());
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (key == "v1" && value.Length == 64 && TryHex(value) is { } signature) signatures.Add(signature);
        }
        if (timestamp is null || signatures.Count == 0) return SignatureCheck.Malformed;

        var expected = Compute(timestamp.Value, payload, secret);
        var matched = false;
        // Every candidate is compared in constant time, and all of them, so timing says nothing about which one was close.
        foreach (var signature in signatures) matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        if (!matched) return SignatureCheck.Mismatch;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value);
        return age.Duration() > tolerance ? SignatureCheck.Stale : SignatureCheck.Valid;
    }

    /// <summary>HMAC-SHA256 of <c>"{timestamp}.{payload}"</c> under <paramref name="secret"/> (also used by tests and the fake Stripe).</summary>
    public static byte[] Compute(long timestamp, ReadOnlySpan<byte> payload, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    /// <summary>A header as Stripe would send it for <paramref name="payload"/>.</summary>
    public static string Header(long timestamp, ReadOnlySpan<byte> payload, string secret) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Compute(timestamp, payload, secret))}";

    private static byte[]? TryHex(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
