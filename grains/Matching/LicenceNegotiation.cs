using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Matching;

/// <summary>Where a licence negotiation is: open (an offer awaits an answer), concluded (a licence was granted), declined, withdrawn, expired.</summary>
[GenerateSerializer]
public enum NegotiationStatus
{
    Open,
    Concluded,
    Declined,
    Withdrawn,
    Expired,
}

/// <summary>The two sides of a licence negotiation: the holder (or the center acting for it) grants, the demand's party takes.</summary>
[GenerateSerializer]
public enum NegotiationSide
{
    Licensor,
    Licensee,
}

/// <summary>
/// One version of the terms: who offered it (side and caller), the licence's scope and fixed terms, and the last day the
/// other side may accept it (<see cref="RespondBy"/>). An offer binds its maker: it is that side's acceptance of those terms.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record LicenceOffer(
    [property: Id(0)] int Version, [property: Id(1)] string OfferId, [property: Id(2)] NegotiationSide By, [property: Id(3)] string? Caller,
    [property: Id(4)] LicenceScope Scope, [property: Id(5)] LicenceTerms Terms, [property: Id(6)] DateTimeOffset At, [property: Id(7)] DateOnly RespondBy);

/// <summary>A negotiation opened from a match: the listing's holder and the demand's party, the listing's patents and kind, the licensee's first offer.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OpenLicenceNegotiation(
    [property: Id(0)] string ListingId, [property: Id(1)] string DemandId, [property: Id(2)] string LicensorId, [property: Id(3)] string LicenseeId,
    [property: Id(4)] string? CenterId, [property: Id(5)] IReadOnlyList<string> Patents, [property: Id(6)] LicenceKind Kind,
    [property: Id(7)] LicenceScope Scope, [property: Id(8)] LicenceTerms Terms);

/// <summary>A step that ended or concluded the negotiation: what, by which side and caller, when, why.</summary>
[GenerateSerializer]
[Immutable]
public sealed record NegotiationClosing([property: Id(0)] NegotiationStatus Status, [property: Id(1)] NegotiationSide? By, [property: Id(2)] string? Caller,
    [property: Id(3)] DateTimeOffset At, [property: Id(4)] string? Reason);

[GenerateSerializer]
[Immutable]
public sealed record LicenceNegotiationView(
    [property: Id(0)] string Id, [property: Id(1)] NegotiationStatus Status, [property: Id(2)] string ListingId, [property: Id(3)] string DemandId,
    [property: Id(4)] string LicensorId, [property: Id(5)] string LicenseeId, [property: Id(6)] string? CenterId, [property: Id(7)] IReadOnlyList<string> Patents,
    [property: Id(8)] LicenceKind Kind, [property: Id(9)] int CurrentVersion, [property: Id(10)] NegotiationSide AwaitingSide,
    [property: Id(11)] IReadOnlyList<LicenceOffer> Offers, [property: Id(12)] string? LicenceId, [property: Id(13)] NegotiationClosing? Closing,
    [property: Id(14)] DateTimeOffset CreatedAt);

/// <summary>Durable state of <see cref="LicenceNegotiationGrain"/>.</summary>
[GenerateSerializer]
public sealed class LicenceNegotiationState
{
    [Id(0)] public OpenLicenceNegotiation? Terms { get; set; }
    [Id(1)] public List<LicenceOffer> Offers { get; set; } = [];
    [Id(2)] public NegotiationStatus Status { get; set; }
    [Id(3)] public string? LicenceId { get; set; }
    [Id(4)] public NegotiationClosing? Closing { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The rules of a licence negotiation (docs/MATCHING.md, "Licence negotiation"), pure. Each offer is a version (1, 2, …)
/// open for <see cref="ResponseDays"/> days; a counter-offer names the version it answers (409 <c>offer_superseded</c>
/// when another came meanwhile); the side that did not make the current offer accepts it (its maker cannot: 409
/// <c>own_offer</c>) or declines it; either side withdraws. Concluded, declined and withdrawn are final (409
/// <c>invalid_negotiation_state</c>); an open negotiation whose current offer was not answered by its respond-by day is
/// expired from the next day (409 <c>negotiation_expired</c>), as listings expire: nothing is stored, every read sees it.
/// </summary>
public static class NegotiationRules
{
    public const int ResponseDays = 30;

    public static NegotiationStatus StatusOn(NegotiationStatus stored, LicenceOffer current, DateOnly today) =>
        stored == NegotiationStatus.Open && today > current.RespondBy ? NegotiationStatus.Expired : stored;

    public static NegotiationSide Other(NegotiationSide side) => side == NegotiationSide.Licensor ? NegotiationSide.Licensee : NegotiationSide.Licensor;

    /// <summary>An open negotiation, or 409 naming why not.</summary>
    public static void RequireOpen(string id, NegotiationStatus status)
    {
        if (status == NegotiationStatus.Expired)
            throw DomainException.Conflict("negotiation_expired", $"Negotiation {id} expired: its current offer was not answered in {ResponseDays} days.", "status");
        if (status != NegotiationStatus.Open)
            throw DomainException.Conflict("invalid_negotiation_state", $"Negotiation {id} is {Wire(status)}.", "status");
    }

    /// <summary>The version answered must be the current one (409 <c>offer_superseded</c>, naming <paramref name="field"/>).</summary>
    public static void RequireCurrent(LicenceOffer current, int version, string field)
    {
        if (version != current.Version)
            throw DomainException.Conflict("offer_superseded", $"Version {version} is not the current offer; version {current.Version} is.", field);
    }

    /// <summary>Checks an offer's scope and terms as the licence will (400 naming <c>scope.…</c>, <c>terms.…</c>).</summary>
    public static (LicenceScope Scope, LicenceTerms Terms) Require(LicenceScope scope, LicenceTerms terms) =>
        (LicenceScope.Require(scope, "scope"), LicenceTerms.RequireBilateral(terms));

    public static string Wire(NegotiationStatus status) => status.ToString().ToLowerInvariant();
}
