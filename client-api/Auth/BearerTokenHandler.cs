using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the admin token from <c>Market:AdminToken</c>
/// (compared in constant time), or an API key looked up by the SHA-256 of the token.
/// 401 and 403 are answered as problem+json. Browsers cannot add a bearer header to the pages
/// of the Orleans Dashboard, so there, and only for the admin token, HTTP Basic with the token as
/// password is accepted too (the browser asks for it once and sends it with every request).
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<GatewayOptions> gateway,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (IsDashboard && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return BasicPassword(header["Basic ".Length..].Trim()) is { } password && IsAdminToken(password)
                ? Success(MarketPrincipal.Create(MarketPrincipal.AdminSubject, null, [Role.Admin]))
                : AuthenticateResult.Fail("Not the admin token.");
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token.");
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200) return AuthenticateResult.Fail("Malformed token.");

        if (IsAdminToken(token))
            return Success(MarketPrincipal.Create(MarketPrincipal.AdminSubject, null, [Role.Admin]));
        if (token.StartsWith(ApiKeyToken.Prefix, StringComparison.Ordinal)
            && await grains.GetGrain<IApiKeyGrain>(ApiKeyToken.Hash(token)).Resolve() is { } grant)
            return Success(MarketPrincipal.Create(grant.PartyId, ApiKeyToken.KeyId(token), grant.Roles));
        return AuthenticateResult.Fail("Unknown token.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = IsDashboard ? "Basic realm=\"PatentNav Market dashboard\", charset=\"UTF-8\"" : "Bearer";
        await Problems.Create(401, "unauthenticated", "Send Authorization: Bearer <token> with a valid admin token or API key.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Create(403, "forbidden", "This key's roles do not allow this request.").ExecuteAsync(Context);

    /// <summary>Where the Orleans Dashboard is mapped (silo/Program.cs).</summary>
    public const string DashboardPath = "/dashboard";

    private bool IsDashboard => Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase);

    private static string? BasicPassword(string encoded)
    {
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            return credentials.IndexOf(':') is var colon and >= 0 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private bool IsAdminToken(string token)
    {
        var admin = gateway.Value.AdminToken;
        return !string.IsNullOrEmpty(admin)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(admin)));
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
}
