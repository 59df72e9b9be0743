using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Patents;

/// <summary>Durable state of <see cref="PatentGrain"/>, keyed by the canonical number.</summary>
[GenerateSerializer]
public sealed class PatentState
{
    [Id(0)]
    public string Number { get; set; } = "";
    [Id(1)]
    public string Title { get; set; } = "";
    [Id(2)]
    public string Abstract { get; set; } = "";
    [Id(3)]
    public PatentType Type { get; set; }
    [Id(4)]
    public List<string> Ipc { get; set; } = [];
    [Id(5)]
    public DateOnly FilingDate { get; set; }
    [Id(6)]
    public DateOnly? GrantDate { get; set; }
    [Id(7)]
    public LegalStatus Status { get; set; }
    [Id(8)]
    public List<string> OwnerIds { get; set; } = [];

    /// <summary>Dated owners, oldest first; the last entry's owners are <see cref="OwnerIds"/>. Empty for patents stored before it existed.</summary>
    [Id(9)]
    public List<OwnershipPeriod> OwnerHistory { get; set; } = [];
    [Id(10)]
    public List<Valuation> Valuations { get; set; } = [];
    [Id(11)]
    public DateTimeOffset? RegisteredAt { get; set; }
    [Id(12)]
    public List<LicenceGrant> Licences { get; set; } = [];
    [Id(13)]
    public List<PoolMembership> Pools { get; set; } = [];

    /// <summary>The pledgee while the patent is pledged (set by the operator until pledge deals exist).</summary>
    [Id(14)]
    public string? PledgeeId { get; set; }
    [Id(15)]
    public List<PledgeeConsent> Consents { get; set; } = [];

    /// <summary>Open transfer, export-control class and completed transfers (<c>PatentGrain.Transfers.cs</c>).</summary>
    [Id(16)]
    public PatentTransferState Transfer { get; set; } = new();

    /// <summary>Co-owners' consents to exclusive licences (§3), oldest first; a used one names its licence.</summary>
    [Id(17)]
    public List<CoOwnerConsent> CoOwnerConsents { get; set; } = [];

    /// <summary>When the patent lapsed or was invalidated (<see cref="EndOfForce"/>); null while in force or when only the status is known.</summary>
    [Id(18)]
    public EndOfForce? EndOfForce { get; set; }

    public bool IsRegistered => RegisteredAt is not null;

    public DateOnly ExpiresOn => PatentTerm.ExpiresOn(Type, FilingDate);

    /// <summary>Who owned the patent on <paramref name="day"/> (<see cref="Patents.OwnerHistory.OwnersOn"/>).</summary>
    public IReadOnlyList<string> OwnersOn(DateOnly day) => Patents.OwnerHistory.OwnersOn(OwnerHistory, OwnerIds, day);

    /// <summary>The recorded history, or for a patent stored before histories existed its owners since filing.</summary>
    public IReadOnlyList<OwnershipPeriod> EffectiveOwnerHistory() =>
        OwnerHistory.Count > 0 ? OwnerHistory : [new OwnershipPeriod(FilingDate, [.. OwnerIds])];
}
