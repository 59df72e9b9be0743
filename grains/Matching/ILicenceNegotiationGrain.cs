namespace PatentNav.Market.Grains.Matching;

/// <summary>
/// A licence negotiation (许可谈判) opened from a match of a demand with an exclusive or non-exclusive licence listing,
/// keyed <c>neg_…</c> (derived from the caller and its Idempotency-Key). Offers and counter-offers are versions; when the
/// side an offer awaits accepts it, the licence is granted through <see cref="Licensing.ILicenceGrain.CreateBilateral"/>
/// (the same §3/§4/§8 rules as any licence) under an id derived from the negotiation's. Rules in <see cref="NegotiationRules"/>.
/// </summary>
public interface ILicenceNegotiationGrain : IGrainWithStringKey
{
    /// <summary>Opens it with the licensee's first offer (version 1); again: unchanged.</summary>
    Task<LicenceNegotiationView> Open(OpenLicenceNegotiation negotiation);

    Task<LicenceNegotiationView?> Get();

    /// <summary>A counter-offer by <paramref name="side"/> on <paramref name="basedOnVersion"/>; the same <paramref name="offerId"/> again: unchanged.</summary>
    Task<LicenceNegotiationView> Counter(string offerId, NegotiationSide side, int basedOnVersion, Licensing.LicenceScope scope, Licensing.LicenceTerms terms);

    /// <summary>
    /// <paramref name="side"/> accepts <paramref name="version"/>: the licence is granted (a refusal of the licence rules
    /// leaves the negotiation open and unchanged); the same acceptance again answers the concluded negotiation.
    /// </summary>
    Task<LicenceNegotiationView> Accept(NegotiationSide side, int version);

    /// <summary>The side the current offer awaits declines it: final. Again: unchanged.</summary>
    Task<LicenceNegotiationView> Decline(NegotiationSide side, string? reason);

    /// <summary>Either side withdraws: final. Again: unchanged.</summary>
    Task<LicenceNegotiationView> Withdraw(NegotiationSide side, string? reason);
}
