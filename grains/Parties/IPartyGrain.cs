
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

    /// <summary>
    /// Revokes one of the party's keys (404 <c>api_key_not_found</c>): refused on every silo from the next request.
    /// Revoking a revoked key returns it unchanged.
    /// </summary>
    Task<ApiKeySummary> RevokeApiKey(string keyId);

    /// <summary>
    /// Rotates a key: a new token with the same roles, and the old key revoked (its summary names the new key in
    /// <c>ReplacedBy</c>). A revoked key cannot be rotated (409 <c>api_key_revoked</c>).
    /// </summary>
    Task<IssuedApiKey> RotateApiKey(string keyId);

    /// <summary>Renames the party or sets its region (400 <c>invalid_region</c>, <c>required</c> for a blank name); 404 <c>party_not_found</c>.</summary>
    Task<PartyView> Update(UpdateParty command);

    /// <summary>Sets the Stripe connected account (<c>acct_…</c>, else 400 <c>invalid_stripe_account</c>) payouts go to.</summary>
    Task<PartyView> SetStripeAccount(string accountId);
}
