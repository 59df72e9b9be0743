using PatentNav.Market.Grains.Abstractions;

namespace PatentNav.Market.Grains.Parties;

/// <summary>An organization in the market, keyed by its party id (<c>pty_…</c>).</summary>
public interface IPartyGrain : IGrainWithStringKey
{
    /// <summary>Creates the party; 409 <c>party_exists</c> if the id is taken.</summary>
    Task<PartyView> Create(CreateParty command);

    /// <summary>The party, or null if it was never created.</summary>
    Task<PartyView?> Get();

    /// <summary>Issues an API key acting for this party with the given roles.</summary>
    Task<IssuedApiKey> IssueApiKey(IReadOnlyList<Role> roles);
}
