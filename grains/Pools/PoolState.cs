namespace PatentNav.Market.Grains.Pools;

/// <summary>Durable state of <see cref="PoolGrain"/>, keyed by the pool id.</summary>
public sealed class PoolState
{
    public PoolCharter? Charter { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public List<PoolMember> Members { get; set; } = [];

    /// <summary>Admissions, oldest first; a withdrawn patent keeps its record (with <c>WithdrawnOn</c>).</summary>
    public List<PoolPatent> Patents { get; set; } = [];

    /// <summary>Published rate cards, oldest first; never changed once published.</summary>
    public List<RateCard> RateCards { get; set; } = [];

    /// <summary>Recorded refusals; lifting one sets <c>LiftedAt</c>, the record stays.</summary>
    public List<Refusal> Refusals { get; set; } = [];

    public List<PoolLicensee> Licensees { get; set; } = [];

    public bool IsCreated => CreatedAt is not null;
}
