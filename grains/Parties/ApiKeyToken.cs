using System.Security.Cryptography;
using System.Text;

namespace PatentNav.Market.Grains.Parties;

/// <summary>
/// API key tokens: 256 random bits. Only the SHA-256 hash is stored (a salt adds nothing to a
/// random 256-bit secret); the hash is the key of the <see cref="IApiKeyGrain"/>.
/// </summary>
public static class ApiKeyToken
{
    public const string Prefix = "pnm_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A short public handle for a key, safe to list: the first 12 hex digits of its hash.</summary>
    public static string KeyId(string token) => "key_" + Hash(token)[..12];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
