using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Patents;

/// <summary>Durable state of <see cref="PatentGrain"/>, keyed by the canonical number.</summary>
public sealed class PatentState
{
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string Abstract { get; set; } = "";
    public PatentType Type { get; set; }
    public List<string> Ipc { get; set; } = [];
    public DateOnly FilingDate { get; set; }
    public DateOnly? GrantDate { get; set; }
    public LegalStatus Status { get; set; }
    public List<string> OwnerIds { get; set; } = [];

    /// <summary>Dated owners, oldest first; the last entry's owners are <see cref="OwnerIds"/>. Empty for patents stored before it existed.</summary>
    public List<OwnershipPeriod> OwnerHistory { get; set; } = [];
    public List<Valuation> Valuations { get; set; } = [];
    public DateTimeOffset? RegisteredAt { get; set; }
    public List<LicenceGrant> Licences { get; set; } = [];
    public List<PoolMembership> Pools { get; set; } = [];

    /// <summary>The pledgee while the patent is pledged (set by the operator until pledge deals exist).</summary>
    public string? PledgeeId { get; set; }
    public List<PledgeeConsent> Consents { get; set; } = [];

    /// <summary>Open transfer, export-control class and completed transfers (<c>PatentGrain.Transfers.cs</c>).</summary>
    public PatentTransferState Transfer { get; set; } = new();

    public bool IsRegistered => RegisteredAt is not null;

    public DateOnly ExpiresOn => PatentTerm.ExpiresOn(Type, FilingDate);

    /// <summary>Who owned the patent on <paramref name="day"/> (<see cref="Patents.OwnerHistory.OwnersOn"/>).</summary>
    public IReadOnlyList<string> OwnersOn(DateOnly day) => Patents.OwnerHistory.OwnersOn(OwnerHistory, OwnerIds, day);

    /// <summary>The recorded history, or for a patent stored before histories existed its owners since filing.</summary>
    public IReadOnlyList<OwnershipPeriod> EffectiveOwnerHistory() =>
        OwnerHistory.Count > 0 ? OwnerHistory : [new OwnershipPeriod(FilingDate, [.. OwnerIds])];
}
