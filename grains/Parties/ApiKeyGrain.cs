using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Parties;

public sealed class ApiKeyGrain([PersistentState("api-key", MarketStorage.Name)] IPersistentState<ApiKeyState> key, MarketClock clock) : Grain, IApiKeyGrain
{
    public async Task Issue(string partyId, IReadOnlyList<Role> roles)
    {
        if (key.State.PartyId is not null)
            throw DomainException.Conflict("api_key_exists", "This key was issued already.");
        key.State = new ApiKeyState { PartyId = partyId, Roles = [.. roles], IssuedAt = clock.GetUtcNow() };
        await key.WriteStateAsync();
    }

    public Task<ApiKeyGrant?> Resolve() =>
        Task.FromResult(key.State is { PartyId: { } partyId, RevokedAt: null } ? new ApiKeyGrant(partyId, key.State.Roles) : null);

    public async Task Revoke()
    {
        if (key.State.PartyId is null || key.State.RevokedAt is not null) return;
        key.State.RevokedAt = clock.GetUtcNow();
        await key.WriteStateAsync();
    }
}
