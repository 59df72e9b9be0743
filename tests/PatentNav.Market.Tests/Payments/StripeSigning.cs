using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PatentNav.Market.Tests.Payments;

/// <summary>
/// Signs webhook deliveries as Stripe documents it, written out here rather than taken from Stripe.net,
/// so the tests check the library against the documented scheme: <c>Stripe-Signature: t={unix seconds},v1={hex}</c>,
/// the hex an HMAC-SHA256 under the endpoint's secret over <c>"{t}.{raw body}"</c>.
/// </summary>
public static class StripeSigning
{
    public static string V1(long timestamp, string payload, string secret) => Convert.ToHexStringLower(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + payload)));

    public static string Header(long timestamp, string payload, string secret) => $"t={timestamp},v1={V1(timestamp, payload, secret)}";
}
