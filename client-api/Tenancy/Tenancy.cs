using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Tenancy;

/// <summary>Who calls, as the tenancy rules see it: the party a key acts for and its roles (the admin token: no party, role admin).</summary>
public sealed record TenantCaller(string? PartyId, IReadOnlySet<Role> Roles)
{
    public bool IsAdmin => Roles.Contains(Role.Admin);

    public static TenantCaller Anonymous { get; } = new(null, new HashSet<Role>());

    public static TenantCaller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        var roles = Enum.GetValues<Role>().Where(r => user.IsInRole(Auth.MarketPrincipal.RoleName(r))).ToHashSet();
        return new TenantCaller(user.PartyId(), roles);
    }
}

/// <summary>
/// The tenants of one resource: for each role, the parties whose keys with that role act on it (the financier and the
/// pledgor of a deal, the center of a transfer, ...), and parties that only read it (a transfer's consenting parties,
/// the holders of patents a pool licence covers). <see cref="PublicRead"/>: anyone authenticated reads it (the patent
/// catalogue, pools), so a refused act is 403, not the 404 that hides a private resource.
/// </summary>
public sealed record ResourceOwners(IReadOnlyDictionary<Role, IReadOnlyList<string>> Actors, IReadOnlyList<string> Readers, bool PublicRead = false)
{
    public IReadOnlyList<string> ActorsOf(Role role) => Actors.TryGetValue(role, out var parties) ? parties : [];

    public bool Involves(string party) => Readers.Contains(party) || Actors.Values.Any(p => p.Contains(party));
}

/// <summary>
/// The tenancy rule (docs/TENANCY.md), pure: a role acts only inside its tenant, and the admin alone crosses tenants.
/// <see cref="TenancyFilter"/> applies it to every operation on an owned resource; endpoints that create a resource
/// for a party named in the body ask <see cref="ActsFor"/>.
/// </summary>
public static class Tenancy
{
    /// <summary>The admin; any key of a party that acts on or reads the resource; anyone for a public resource.</summary>
    public static bool CanRead(TenantCaller caller, ResourceOwners owners) =>
        caller.IsAdmin || owners.PublicRead || caller.PartyId is { } party && owners.Involves(party);

    /// <summary>The admin; or a key holding one of <paramref name="roles"/> of a party that acts on the resource in that role.</summary>
    public static bool CanAct(TenantCaller caller, ResourceOwners owners, params Role[] roles) =>
        caller.IsAdmin || caller.PartyId is { } party && roles.Any(r => caller.Roles.Contains(r) && owners.ActorsOf(r).Contains(party));

    /// <summary>The admin, or a key of <paramref name="partyId"/> itself holding one of <paramref name="roles"/> (any role when none is named).</summary>
    public static bool ActsFor(TenantCaller caller, string? partyId, params Role[] roles) =>
        caller.IsAdmin || caller.PartyId is { } party && party == partyId && (roles.Length == 0 || roles.Any(caller.Roles.Contains));

    /// <summary>What a caller that may not act gets: 403 if it may see the resource, else the 404 of a missing one (ids do not leak).</summary>
    public static int RefusalStatus(TenantCaller caller, ResourceOwners owners) => CanRead(caller, owners) ? 403 : 404;
}
