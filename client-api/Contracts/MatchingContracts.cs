using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Grains.Transfers;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>A range of minor units in one currency (asking price, budget).</summary>
public sealed record MoneyRangeRequest([Required] long? Min, [Required] long? Max, [Required] string? Currency);

/// <summary>A royalty range in basis points of net sales.</summary>
public sealed record RoyaltyRangeRequest([Required] int? MinBps, [Required] int? MaxBps);

/// <summary>
/// Body of <c>POST /api/v1/listings</c>. <c>holderId</c> owns every patent; <c>centerId</c> is the operating center
/// acting for it (required when an operator lists). At least one of <c>price</c> and <c>royalty</c>. <c>open</c>:
/// publish at once (default: a draft).
/// </summary>
public sealed record CreateListingRequest(
    [Required] string? HolderId, string? CenterId, [Required] IReadOnlyList<string>? Patents, [Required] DealType? DealType,
    MoneyRangeRequest? Price, RoyaltyRangeRequest? Royalty, IReadOnlyList<string>? Territories, IReadOnlyList<string>? FieldsOfUse,
    [Required] DateOnly? ValidUntil, string? Title, string? Description, string? Region, bool? Open, IReadOnlyList<string>? ReportIds = null);

/// <summary>Body of <c>POST /api/v1/demands</c>; <c>partyId</c> defaults to the caller's own party (the admin names one).</summary>
public sealed record CreateDemandRequest(
    string? PartyId, string? Title, IReadOnlyList<string>? IpcPrefixes, IReadOnlyList<string>? Keywords, MoneyRangeRequest? Budget,
    string? Region, IReadOnlyList<DealType>? DealTypes, [Required] DateOnly? ValidUntil, bool? Open);

/// <summary>Optional body of a withdrawal.</summary>
public sealed record WithdrawRequest(string? Reason);

/// <summary>A page of listings (creation order).</summary>
public sealed record ListingsPage(IReadOnlyList<ListingView> Items, string? NextCursor);

/// <summary>A page of the caller's demands (creation order).</summary>
public sealed record DemandsPage(IReadOnlyList<DemandView> Items, string? NextCursor);

/// <summary>A demand's ranked listings: each with its score (parts) and reasons.</summary>
public sealed record DemandMatchesResponse(string DemandId, IReadOnlyList<ListingMatch> Items, string? NextCursor);

public sealed record ListingMatch(int Rank, string ListingId, string HolderId, DealType DealType, MatchScore Score, MatchReasons Reasons);

/// <summary>
/// A listing's fitting demands, as its holder or center sees them: the demand's id, party and deal types, score and
/// reasons; the budget only as a verdict (a demand's figures are its party's own).
/// </summary>
public sealed record ListingMatchesResponse(string ListingId, IReadOnlyList<DemandMatch> Items, string? NextCursor);

public sealed record DemandMatch(int Rank, string DemandId, string PartyId, IReadOnlyList<DealType> DealTypes, MatchScore Score, MatchReasons Reasons);

/// <summary>Body of <c>POST /api/v1/demands/{id}/matches/{listingId}/negotiation</c> (all optional).</summary>
/// <param name="CenterId">The center that runs a sale (default: the listing's center).</param>
/// <param name="Price">The price of a sale, within the asking range (default: the asking maximum).</param>
/// <summary>
/// Optional body of the match → negotiation call. A sale: <c>centerId</c>, <c>price</c>, <c>poolOption</c>. A licence: the
/// licensee's first offer — <c>scope</c> (default the listing's territories and fields, from today, open-ended) and
/// <c>terms</c> (default a lump sum of the listing's asking maximum; required when it asks a royalty only).
/// </summary>
public sealed record NegotiationRequest(string? CenterId, MoneyRequest? Price, PoolOption? PoolOption, ScopeRequest? Scope = null, TermsRequest? Terms = null);

/// <summary>
/// What a match became: a sale opens a transfer (<c>transfer</c>); an open licence is accepted (<c>licence</c>); an
/// exclusive or non-exclusive licence opens a licence negotiation (<c>licence_negotiation</c>, <c>licenceNegotiation</c>).
/// <c>licenceProposal</c>: only for negotiations recorded before the negotiation workflow existed (kind <c>licence_proposal</c>).
/// </summary>
public sealed record NegotiationResponse(string Kind, DemandView Demand, ListingView Listing, TransferView? Transfer, LicenceResponse? Licence,
    LicenceProposal? LicenceProposal, LicenceNegotiationResponse? LicenceNegotiation = null);

/// <summary>A counter-offer: the version it answers, the licence's scope and fixed terms; <c>side</c> only when the caller could act for either (the admin).</summary>
public sealed record CounterOfferRequest([Required] int? BasedOnVersion, [Required] ScopeRequest? Scope, [Required] TermsRequest? Terms, NegotiationSide? Side);

/// <summary>An acceptance of the current offer's <c>version</c>; <c>side</c> only when the caller could act for either (the admin).</summary>
public sealed record NegotiationAcceptanceRequest([Required] int? Version, NegotiationSide? Side);

/// <summary>A decline or withdrawal: an optional reason (at most 2000 characters); <c>side</c> only for the admin.</summary>
public sealed record NegotiationClosingRequest(string? Reason, NegotiationSide? Side);

/// <summary>The pre-filled bilateral licence a licence listing's holder grants (<c>POST /api/v1/licences</c> with the holder's key).</summary>
public sealed record LicenceProposal(string LicensorId, string LicenseeId, IReadOnlyList<string> Patents, LicenceKind Kind,
    IReadOnlyList<string> Territories, IReadOnlyList<string> FieldsOfUse, DateOnly Start, RoyaltyRange? Royalty, MoneyRange? Price);

/// <summary>Body of <c>POST /api/v1/parties/{id}/watches</c>: a holder's party id, an IPC prefix, or a keyword.</summary>
public sealed record WatchRequest([Required] WatchKind? Kind, [Required] string? Value);

public sealed record WatchesResponse(string PartyId, IReadOnlyList<Watch> Items);

/// <summary>A page of a party's feed, oldest first; <c>nextCursor</c> (the position after the last entry, or the cursor given when there is none) reads newer entries, now or later.</summary>
public sealed record FeedPage(string PartyId, IReadOnlyList<FeedEntry> Items, string? NextCursor);

/// <summary>An offer of a licence negotiation on the wire: its terms as on licences (a rate as a decimal string of minor units per unit).</summary>
public sealed record LicenceOfferBody(int Version, NegotiationSide By, string? Caller, LicenceScope Scope, TermsBody Terms, DateTimeOffset At, DateOnly RespondBy);

/// <summary>A licence negotiation on the wire (<see cref="LicenceNegotiationView"/> with its offers' terms as on licences).</summary>
public sealed record LicenceNegotiationResponse(
    string Id, NegotiationStatus Status, string ListingId, string DemandId, string LicensorId, string LicenseeId, string? CenterId,
    IReadOnlyList<string> Patents, LicenceKind Kind, int CurrentVersion, NegotiationSide AwaitingSide, IReadOnlyList<LicenceOfferBody> Offers,
    string? LicenceId, NegotiationClosing? Closing, DateTimeOffset CreatedAt)
{
    public static LicenceNegotiationResponse From(LicenceNegotiationView n) => new(n.Id, n.Status, n.ListingId, n.DemandId, n.LicensorId, n.LicenseeId,
        n.CenterId, n.Patents, n.Kind, n.CurrentVersion, n.AwaitingSide,
        [.. n.Offers.Select(o => new LicenceOfferBody(o.Version, o.By, o.Caller, o.Scope, LicenceWire.Terms(o.Terms), o.At, o.RespondBy))],
        n.LicenceId, n.Closing, n.CreatedAt);
}
