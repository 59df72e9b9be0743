using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Matching;

/// <summary>An amount range in minor units of one currency (asking price of a listing, budget of a demand); min ≤ max.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MoneyRange([property: Id(0)] long Min, [property: Id(1)] long Max, [property: Id(2)] string Currency)
{
    /// <summary>Checks the range (400 <c>unknown_currency</c>, <c>invalid_amount</c> naming <c>{field}.min</c> or <c>.max</c>).</summary>
    public static MoneyRange Require(MoneyRange range, string field)
    {
        if (!Currencies.IsKnown(range.Currency))
            throw DomainException.Invalid("unknown_currency", $"{field}.currency", $"'{range.Currency}' is not a known ISO 4217 currency.");
        if (range.Min < 0) throw DomainException.Invalid("invalid_amount", $"{field}.min", "Must be 0 or more minor units.");
        if (range.Max < range.Min) throw DomainException.Invalid("invalid_amount", $"{field}.max", "Must be at least min.");
        return range;
    }
}

/// <summary>A royalty range in basis points of net sales; 0 ≤ min ≤ max ≤ 10 000.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RoyaltyRange([property: Id(0)] int MinBps, [property: Id(1)] int MaxBps)
{
    public static RoyaltyRange Require(RoyaltyRange range, string field)
    {
        if (range.MinBps is < 0 or > 10_000) throw DomainException.Invalid("invalid_bps", $"{field}.minBps", "Must be 0 to 10 000 bps.");
        if (range.MaxBps < range.MinBps || range.MaxBps > 10_000) throw DomainException.Invalid("invalid_bps", $"{field}.maxBps", "Must be from minBps to 10 000 bps.");
        return range;
    }
}

/// <summary>
/// Body of a new listing: the holder (a party owning every patent), the operating center acting for it if any, one
/// patent or a package, the deal type and asking terms (a price range and/or a royalty range), where and for what
/// the licence would be (ISO 3166 territories, fields of use; empty = everywhere / every field), and until when.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record CreateListing(
    [property: Id(0)] string HolderId,
    [property: Id(1)] string? CenterId,
    [property: Id(2)] IReadOnlyList<string> Patents,
    [property: Id(3)] DealType DealType,
    [property: Id(4)] MoneyRange? Price,
    [property: Id(5)] RoyaltyRange? Royalty,
    [property: Id(6)] IReadOnlyList<string> Territories,
    [property: Id(7)] IReadOnlyList<string> FieldsOfUse,
    [property: Id(8)] DateOnly ValidUntil,
    [property: Id(9)] string? Title,
    [property: Id(10)] string? Description,
    [property: Id(11)] RegionCode? Region,
    [property: Id(12)] bool Open,
    [property: Id(13)] IReadOnlyList<string>? ReportIds = null);

/// <summary>A patent as listed: what matching reads of it (copied at listing; facts that change are read when matching).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ListedPatent(
    [property: Id(0)] string Number, [property: Id(1)] string Title, [property: Id(2)] string Abstract, [property: Id(3)] IReadOnlyList<string> Ipc);

/// <summary>Something that stands in a deal's way, shown on the listing and in match reasons (DOMAIN §8: a pledged patent needs its pledgee's consent).</summary>
[GenerateSerializer]
[Immutable]
public sealed record Encumbrance([property: Id(0)] string PatentNumber, [property: Id(1)] string Kind, [property: Id(2)] string? PartyId, [property: Id(3)] string Detail);

[GenerateSerializer]
[Immutable]
public sealed record ListingView(
    [property: Id(0)] string Id,
    [property: Id(1)] OfferStatus Status,
    [property: Id(2)] string HolderId,
    [property: Id(3)] string? CenterId,
    [property: Id(4)] IReadOnlyList<string> Patents,
    [property: Id(5)] DealType DealType,
    [property: Id(6)] MoneyRange? Price,
    [property: Id(7)] RoyaltyRange? Royalty,
    [property: Id(8)] IReadOnlyList<string> Territories,
    [property: Id(9)] IReadOnlyList<string> FieldsOfUse,
    [property: Id(10)] DateOnly ValidUntil,
    [property: Id(11)] string? Title,
    [property: Id(12)] string? Description,
    [property: Id(13)] string? Region,
    [property: Id(14)] IReadOnlyList<Encumbrance> Encumbrances,
    [property: Id(15)] IReadOnlyList<OfferStep> History,
    [property: Id(16)] DateTimeOffset CreatedAt,
    [property: Id(17)] string? CreatedBy,
    [property: Id(18)] string? MatchedDemandId,
    [property: Id(19)] IReadOnlyList<string>? ReportIds = null);

/// <summary>Body of a new demand: the party's own technology need.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CreateDemand(
    [property: Id(0)] string PartyId,
    [property: Id(1)] string? Title,
    [property: Id(2)] IReadOnlyList<string> IpcPrefixes,
    [property: Id(3)] IReadOnlyList<string> Keywords,
    [property: Id(4)] MoneyRange? Budget,
    [property: Id(5)] RegionCode? Region,
    [property: Id(6)] IReadOnlyList<DealType> DealTypes,
    [property: Id(7)] DateOnly ValidUntil,
    [property: Id(8)] bool Open);

[GenerateSerializer]
[Immutable]
public sealed record DemandView(
    [property: Id(0)] string Id,
    [property: Id(1)] OfferStatus Status,
    [property: Id(2)] string PartyId,
    [property: Id(3)] string? Title,
    [property: Id(4)] IReadOnlyList<string> IpcPrefixes,
    [property: Id(5)] IReadOnlyList<string> Keywords,
    [property: Id(6)] MoneyRange? Budget,
    [property: Id(7)] string? Region,
    [property: Id(8)] IReadOnlyList<DealType> DealTypes,
    [property: Id(9)] DateOnly ValidUntil,
    [property: Id(10)] IReadOnlyList<OfferStep> History,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] string? MatchedListingId,
    [property: Id(13)] IReadOnlyList<Negotiation> Negotiations);

/// <summary>A negotiation opened from a match: the transfer (sale) or licence it pre-filled.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Negotiation(
    [property: Id(0)] string ListingId, [property: Id(1)] string Kind, [property: Id(2)] string ResourceId, [property: Id(3)] DateTimeOffset OpenedAt);
