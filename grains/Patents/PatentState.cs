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
    public List<Valuation> Valuations { get; set; } = [];
    public DateTimeOffset? RegisteredAt { get; set; }
    public List<LicenceGrant> Licences { get; set; } = [];
    public List<PoolMembership> Pools { get; set; } = [];

    /// <summary>The pledgee while the patent is pledged (set by the operator until pledge deals exist).</summary>
    public string? PledgeeId { get; set; }
    public List<PledgeeConsent> Consents { get; set; } = [];

    public bool IsRegistered => RegisteredAt is not null;

    public DateOnly ExpiresOn => PatentTerm.ExpiresOn(Type, FilingDate);
}
