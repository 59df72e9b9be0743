using PatentNav.Market.Grains.Matching;

namespace PatentNav.Market.Grains.Queries;

/// <summary>
/// The matching read side (docs/MATCHING.md): candidates found through the IPC-prefix and word indexes of open
/// listings and demands, the patents' current facts, the listing catalogue, and each party's feed. Scoring is
/// <see cref="MatchScoring"/>, in one place, over what this returns.
/// </summary>
public interface IMatchQueries
{
    /// <summary>Open, unexpired listings of a wanted deal type sharing an IPC prefix or a word with the demand, with their patents' facts.</summary>
    Task<IReadOnlyList<MatchCandidate>> ListingCandidates(DemandProfile demand, DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every listing that matches the demand, with its points but not its reasons, unranked: the index computes the
    /// features of <see cref="MatchScoring.Points"/> for many candidates without loading their profiles.
    /// </summary>
    Task<IReadOnlyList<ScoredListing>> ScoreListings(DemandProfile demand, DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>These listings with their patents' facts (for the reasons of one page of matches).</summary>
    Task<IReadOnlyList<MatchCandidate>> Candidates(IReadOnlyList<string> listingIds, CancellationToken cancellationToken = default);

    /// <summary>Open, unexpired demands wanting the listing's deal type and sharing an IPC prefix or a word with it.</summary>
    Task<IReadOnlyList<DemandProfile>> DemandCandidates(ListingProfile listing, DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>The current facts of these patents (those the projection has seen).</summary>
    Task<IReadOnlyList<PatentFacts>> Facts(IReadOnlyList<string> numbers, CancellationToken cancellationToken = default);

    /// <summary>Listing ids in creation order, filtered.</summary>
    Task<IdPage> Listings(ListingFilter filter, CancellationToken cancellationToken = default);

    /// <summary>A party's demand ids in creation order.</summary>
    Task<IdPage> Demands(string? partyId, int from, int limit, CancellationToken cancellationToken = default);

    /// <summary>A party's feed after entry <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<FeedEntry>> Feed(string partyId, long after, int limit, CancellationToken cancellationToken = default);
}

public sealed record MatchCandidate(ListingProfile Listing, IReadOnlyList<PatentFacts> Facts);

public sealed record ScoredListing(string ListingId, MatchScore Score);

/// <summary><c>Status</c>: the status as of <c>Today</c> (expired = stored draft or open past validUntil).</summary>
public sealed record ListingFilter(OfferStatus Status, string? HolderId, string? CenterId, DealType? DealType, string? IpcPrefix, DateOnly Today, int From, int Limit);

public sealed record IdPage(IReadOnlyList<string> Ids, bool More);

/// <summary>
/// One notification. <c>Kind</c>: <c>listing_fits_demand</c>, or a patent event (<c>registration</c>, <c>valuation</c>,
/// <c>transfer</c>, <c>licence</c>, <c>pledge</c>) of a watched scope; <c>Subject</c> the listing id or patent number.
/// </summary>
public sealed record FeedEntry(long Seq, string Kind, string EventKey, string Subject, IReadOnlyDictionary<string, string?> Detail, DateTimeOffset CreatedAt);
