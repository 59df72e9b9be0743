namespace PatentNav.Market.Grains.Matching;

/// <summary>
/// A party's technology demand (§10), keyed <c>dmd_…</c> (derived from the caller and its Idempotency-Key): IPC
/// prefixes, keywords, budget, region, deal types wanted; the lifecycle of <see cref="OfferLifecycle"/>. Its state is
/// projected, with its keywords' words, for matching.
/// </summary>
public interface IDemandGrain : IGrainWithStringKey
{
    /// <summary>Creates the demand (a draft, or open at once); creating it again returns it unchanged.</summary>
    Task<DemandView> Create(CreateDemand demand);

    /// <summary>The demand with its status as of today, or null.</summary>
    Task<DemandView?> Get();

    /// <summary>What matching reads of it (its keywords' words), or null.</summary>
    Task<DemandProfile?> Profile();

    Task<DemandView> Open();

    Task<DemandView> Withdraw(string? reason);

    /// <summary>
    /// Records the negotiation opened from its match with <paramref name="listingId"/> and moves open → matched; the
    /// same listing again returns the demand unchanged (a retry opens nothing twice).
    /// </summary>
    Task<DemandView> MarkMatched(Negotiation negotiation);
}

/// <summary>Durable state of <see cref="DemandGrain"/>.</summary>
[GenerateSerializer]
public sealed class DemandState
{
    [Id(0)] public CreateDemand? Terms { get; set; }
    [Id(1)] public OfferStatus Status { get; set; }
    [Id(2)] public List<OfferStep> History { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<Negotiation> Negotiations { get; set; } = [];
}
