
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

    /// <summary>Sets the Stripe connected account (<c>acct_…</c>, else 400 <c>invalid_stripe_account</c>) payouts go to.</summary>
    Task<PartyView> SetStripeAccount(string accountId);
}
