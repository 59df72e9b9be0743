using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Durable state of <see cref="LicenceGrain"/>, keyed by the licence id (<c>lic_…</c>).</summary>
public sealed class LicenceState
{
    public LicenceType Type { get; set; }
    public LicenceKind Kind { get; set; }
    public LicenceStatus Status { get; set; }
    public List<string> LicensorIds { get; set; } = [];
    public string LicenseeId { get; set; } = "";
    public List<string> Patents { get; set; } = [];
    public LicenceScope Scope { get; set; } = LicenceScope.Everything(DateOnly.MinValue);
    public LicenceTerms Terms { get; set; } = new("CNY");
    public OpenLicenceRef? OpenLicence { get; set; }
    public CnipaFiling CnipaFiling { get; set; } = CnipaFiling.DueFor(DateOnly.MinValue);

    /// <summary>Every report's invoice, in the order reported.</summary>
    public List<Invoice> Invoices { get; set; } = [];

    /// <summary>Units and royalty so far per licence year (pool licences): tiers and caps count per licence year.</summary>
    public List<LicenceYearTotals> Years { get; set; } = [];

    public DateTimeOffset? CreatedAt { get; set; }

    public bool Exists => CreatedAt is not null;
}

/// <summary>The running position of licence year <c>Index</c> (0 = the first year from the licence start).</summary>
public sealed record LicenceYearTotals(int Index, LicenceYearPosition Position);
