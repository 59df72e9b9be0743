using PatentNav.Market.Grains.Abstractions;

namespace PatentNav.Market.Grains.Parties;

/// <summary>An issued API key, keyed by the SHA-256 hash of its token.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    Task Issue(string partyId, IReadOnlyList<Role> roles);

    /// <summary>The party and roles the key acts with, or null for an unknown key.</summary>
    Task<ApiKeyGrant?> Resolve();
}

public sealed record ApiKeyGrant(string PartyId, IReadOnlyList<Role> Roles);

public sealed class ApiKeyState
{
    public string? PartyId { get; set; }
    public List<Role> Roles { get; set; } = [];
    public DateTimeOffset? IssuedAt { get; set; }
}
