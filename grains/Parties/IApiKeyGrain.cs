
namespace PatentNav.Market.Grains.Parties;

/// <summary>An issued API key, keyed by the SHA-256 hash of its token.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    Task Issue(string partyId, IReadOnlyList<Role> roles);

    /// <summary>The party and roles the key acts with, or null for an unknown or revoked key.</summary>
    Task<ApiKeyGrant?> Resolve();

    /// <summary>
    /// Refuses the key from now on. Idempotent. The grain is the key's one activation in the cluster and the
    /// gateways cache nothing, so every silo and gateway refuses the key from its next request.
    /// </summary>
    Task Revoke();
}

[GenerateSerializer]
public sealed record ApiKeyGrant(string PartyId, IReadOnlyList<Role> Roles);

[GenerateSerializer]
public sealed class ApiKeyState
{
    [Id(0)]
    public string? PartyId { get; set; }
    [Id(1)]
    public List<Role> Roles { get; set; } = [];
    [Id(2)]
    public DateTimeOffset? IssuedAt { get; set; }
    [Id(3)]
    public DateTimeOffset? RevokedAt { get; set; }
}
