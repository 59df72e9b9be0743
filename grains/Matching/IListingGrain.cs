namespace PatentNav.Market.Grains.Matching;

/// <summary>
/// A listing (§10): a holder's patent or package offered for sale or licence with asking terms, keyed <c>lst_…</c>
/// (derived from the caller and its Idempotency-Key). Lifecycle in <see cref="OfferLifecycle"/>; what may be listed in
/// <see cref="ListingRules"/>. Its state is projected, with its words (<see cref="TextTokens"/>), for matching.
/// </summary>
public interface IListingGrain : IGrainWithStringKey
{
    /// <summary>Creates the listing (a draft, or open at once); creating it again returns it unchanged.</summary>
    Task<ListingView> Create(CreateListing listing);

    /// <summary>The listing with its status as of today, or null.</summary>
    Task<ListingView?> Get();

    /// <summary>What matching reads of it (its patents' words and symbols as listed), or null.</summary>
    Task<ListingProfile?> Profile();

    /// <summary>Draft → open: re-checks the patents as they are now (a lapse or new licence since the draft refuses it).</summary>
    Task<ListingView> Open();

    /// <summary>Draft or open → withdrawn.</summary>
    Task<ListingView> Withdraw(string? reason);

    /// <summary>Open → matched, for the demand a negotiation was opened from; again for the same demand: unchanged.</summary>
    Task<ListingView> MarkMatched(string demandId);

    /// <summary>Cites published navigation reports that inform the listing (422 <c>unknown_report</c>); ids cited already are kept once.</summary>
    Task<ListingView> CiteReports(IReadOnlyList<string> reportIds);
}

/// <summary>Durable state of <see cref="ListingGrain"/>.</summary>
[GenerateSerializer]
public sealed class ListingState
{
    [Id(0)] public CreateListing? Terms { get; set; }
    [Id(1)] public OfferStatus Status { get; set; }
    [Id(2)] public List<ListedPatent> Patents { get; set; } = [];
    [Id(3)] public List<Encumbrance> Encumbrances { get; set; } = [];
    [Id(4)] public List<OfferStep> History { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public string? CreatedBy { get; set; }
    [Id(7)] public string? MatchedDemandId { get; set; }
    /// <summary>When it was last opened: a feed notifies fitting demands once per opening (docs/MATCHING.md).</summary>
    [Id(8)] public DateTimeOffset? OpenedAt { get; set; }
    /// <summary>The navigation reports the listing cites (ReportCitations), in citing order.</summary>
    [Id(9)] public List<string> ReportIds { get; set; } = [];
}
