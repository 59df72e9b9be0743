using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Auth;

/// <summary>Who is calling: the configured admin, or an API key acting for its party with its roles.</summary>
public static class MarketPrincipal
{
    public const string Scheme = "Bearer";
    public const string AdminSubject = "admin";
    public const string KeyIdClaim = "key_id";

    public static string RoleName(Role role) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(role.ToString());

    public static ClaimsPrincipal Create(string subject, string? keyId, IEnumerable<Role> roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, subject) };
        if (keyId is not null) claims.Add(new Claim(KeyIdClaim, keyId));
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, RoleName(r))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The party the caller acts for; null for the configured admin token.</summary>
    public static string? PartyId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } subject && subject != AdminSubject ? subject : null;

    public static bool Has(this ClaimsPrincipal user, Role role) => user.IsInRole(RoleName(role)) || user.IsInRole(RoleName(Role.Admin));

    /// <summary>How the journal names the caller: <c>admin</c> or <c>pty_…/key_…</c>.</summary>
    public static string? JournalName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } subject ? null
        : user.FindFirstValue(KeyIdClaim) is { } key ? $"{subject}/{key}" : subject;
}
