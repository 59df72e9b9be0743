using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Durable state of <see cref="LicenceGrain"/>, keyed by the licence id (<c>lic_…</c>).</summary>
[GenerateSerializer]
public sealed class LicenceState
{
    [Id(0)]
    public LicenceType Type { get; set; }
    [Id(1)]
    public LicenceKind Kind { get; set; }
    [Id(2)]
    public LicenceStatus Status { get; set; }
    [Id(3)]
    public List<string> LicensorIds { get; set; } = [];
    [Id(4)]
    public string LicenseeId { get; set; } = "";
    [Id(5)]
    public List<string> Patents { get; set; } = [];
    [Id(6)]
    public LicenceScope Scope { get; set; } = LicenceScope.Everything(DateOnly.MinValue);
    [Id(7)]
    public LicenceTerms Terms { get; set; } = new("CNY");
    [Id(8)]
    public OpenLicenceRef? OpenLicence { get; set; }
    [Id(9)]
    public CnipaFiling CnipaFiling { get; set; } = CnipaFiling.DueFor(DateOnly.MinValue);

    /// <summary>Every report's invoice, in the order reported.</summary>
    [Id(10)]
    public List<Invoice> Invoices { get; set; } = [];

    /// <summary>Units and royalty so far per licence year (pool licences): tiers and caps count per licence year.</summary>
    [Id(11)]
    public List<LicenceYearTotals> Years { get; set; } = [];

    [Id(12)]
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Notices of breach, oldest first; a cured one keeps its record with <c>CuredOn</c>.</summary>
    [Id(13)]
    public List<BreachNotice> BreachNotices { get; set; } = [];

    /// <summary>Set while suspended for an uncured breach; cleared when it is cured or the licence ends.</summary>
    [Id(14)]
    public LicenceSuspension? Suspension { get; set; }

    /// <summary>Set once terminated or surrendered; never cleared.</summary>
    [Id(15)]
    public LicenceEnding? Ending { get; set; }

    /// <summary>The onboarding batches that imported the licence or part of its history: which batch, which admin, when.</summary>
    [Id(16)]
    public List<Onboarding.OnboardingMark> Onboardings { get; set; } = [];

    public bool Exists => CreatedAt is not null;
}

/// <summary>The running position of licence year <c>Index</c> (0 = the first year from the licence start).</summary>
[GenerateSerializer]
public sealed record LicenceYearTotals(int Index, LicenceYearPosition Position);
