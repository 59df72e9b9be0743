namespace PatentNav.Market.Grains.Pools;

/// <summary>Durable state of <see cref="PoolGrain"/>, keyed by the pool id.</summary>
[GenerateSerializer]
public sealed class PoolState
{
    [Id(0)]
    public PoolCharter? Charter { get; set; }
    [Id(1)]
    public DateTimeOffset? CreatedAt { get; set; }
    [Id(2)]
    public List<PoolMember> Members { get; set; } = [];

    /// <summary>Admissions, oldest first; a withdrawn patent keeps its record (with <c>WithdrawnOn</c>).</summary>
    [Id(3)]
    public List<PoolPatent> Patents { get; set; } = [];

    /// <summary>Published rate cards, oldest first; never changed once published.</summary>
    [Id(4)]
    public List<RateCard> RateCards { get; set; } = [];

    /// <summary>Recorded refusals; lifting one sets <c>LiftedAt</c>, the record stays.</summary>
    [Id(5)]
    public List<Refusal> Refusals { get; set; } = [];

    // Id(6) was the licensee list: licensees are rows of their own now (pool_licensees, written with each licence's state,
    // IPoolLicenseeRows), so this state no longer grows with them (issue 11). Not reused, so an old serialized state cannot
    // be read into another property.


    /// <summary>Holders' agreements to admit their patents; kept, so a patent withdrawn and admitted again needs no new one.</summary>
    [Id(7)]
    public List<HolderAgreement> HolderAgreements { get; set; } = [];

    /// <summary>The onboarding batches that imported part of this pool's history (docs/API.md, "Onboarding an existing pool").</summary>
    [Id(8)]
    public List<Onboarding.OnboardingMark> Onboardings { get; set; } = [];

    /// <summary>
    /// The licences each onboarding batch enrolled, so that a retry of the batch answers the same enrolments (a card or
    /// refusal recorded since could otherwise change them). Bounded by what an admin imports, not by live purchases.
    /// </summary>
    [Id(9)]
    public Dictionary<string, List<PoolLicensee>> OnboardedLicences { get; set; } = [];

    /// <summary>The navigation reports that inform the pool (cited by its administrator), in citing order.</summary>
    [Id(10)]
    public List<string> ReportIds { get; set; } = [];

    public bool IsCreated => CreatedAt is not null;
}
