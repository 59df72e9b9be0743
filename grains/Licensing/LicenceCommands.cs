namespace PatentNav.Market.Grains.Licensing;

[GenerateSerializer]
public enum LicenceType
{
    /// <summary>A pool's package licence (对外打包许可): always non-exclusive, priced by the pool's rate card.</summary>
    Pool,
    /// <summary>A licence from the owner of the listed patents, on fixed terms.</summary>
    Bilateral,
}

[GenerateSerializer]
public enum LicenceStatus
{
    Active,
    Suspended,
    Terminated,
    Expired,
}

/// <summary>A willing licensee's acquisition of a pool licence. An empty territory list covers every territory.</summary>
[GenerateSerializer]
public sealed record CreatePoolLicence(string PoolId, string LicenseeId, LicenceScope Scope);

/// <summary>A bilateral licence granted by <c>LicensorId</c>, who must own every patent listed.</summary>
[GenerateSerializer]
public sealed record CreateBilateralLicence(
    string LicensorId, string LicenseeId, IReadOnlyList<string> Patents, LicenceKind Kind,
    LicenceScope Scope, LicenceTerms Terms, OpenLicenceRef? OpenLicence = null);

/// <summary>Units sold in one category and region during one quarter (<c>2026-Q3</c>).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReportRoyalties(string Period, string Category, string Region, long Units);

/// <summary>The open-licence offer (开放许可) a licence was accepted under.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OpenLicenceRef(string PatentNumber, int OfferVersion);

/// <summary>What callers see of a licence. Pool licences cover the pool's patents and list none.</summary>
[GenerateSerializer]
public sealed record LicenceView(
    string Id,
    LicenceType Type,
    LicenceKind Kind,
    LicenceStatus Status,
    IReadOnlyList<string> LicensorIds,
    string LicenseeId,
    string? PoolId,
    IReadOnlyList<string> Patents,
    LicenceScope Scope,
    LicenceTerms Terms,
    OpenLicenceRef? OpenLicence,
    CnipaFilingView CnipaFiling,
    DateTimeOffset CreatedAt,
    long Version,
    IReadOnlyList<BreachNotice>? BreachNotices = null,
    LicenceSuspension? Suspension = null,
    LicenceEnding? Ending = null);
