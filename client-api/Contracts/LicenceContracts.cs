using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/pools/{id}/licences</c>: no territories = everywhere, no fields = every field, start defaults to today.</summary>
public sealed record AcquirePoolLicenceRequest(IReadOnlyList<string>? Territories, IReadOnlyList<string>? FieldsOfUse, DateOnly? Start);

/// <summary>Body of <c>POST /api/v1/licences</c>: a bilateral licence from the caller's party.</summary>
public sealed record CreateLicenceRequest(
    [Required] string? LicenseeId, [Required] IReadOnlyList<string>? Patents, [Required] LicenceKind? Kind, [Required] ScopeRequest? Scope, [Required] TermsRequest? Terms);

/// <summary>Territories (ISO 3166 alpha-2, at least one), fields of use (none = all), start (default today), end (none = until expiry).</summary>
public sealed record ScopeRequest(IReadOnlyList<string>? Territories, IReadOnlyList<string>? FieldsOfUse, DateOnly? Start, DateOnly? End);

/// <summary>
/// Fixed terms: <c>ratePerUnit</c> as on rate cards, a decimal string of minor units per unit with up to
/// four decimals (<c>"20"</c> = 0.20 USD), and/or a lump sum, in <c>currency</c>.
/// </summary>
public sealed record TermsRequest([Required] string? Currency, string? RatePerUnit, MoneyRequest? LumpSum);

/// <summary>Licence terms on the wire: fixed terms of a bilateral licence, or the pool, locked card version and royalty-free flag of a pool licence.</summary>
public sealed record TermsBody(string Currency, string? RatePerUnit, Money? LumpSum, string? PoolId, int? RateCardVersion, bool RoyaltyFree);

/// <summary>A licence as the API shows it (<see cref="LicenceView"/> with wire terms).</summary>
public sealed record LicenceResponse(
    string Id, LicenceType Type, LicenceKind Kind, LicenceStatus Status, IReadOnlyList<string> LicensorIds, string LicenseeId,
    string? PoolId, IReadOnlyList<string> Patents, LicenceScope Scope, TermsBody Terms, OpenLicenceRef? OpenLicence,
    CnipaFilingView CnipaFiling, DateTimeOffset CreatedAt, long Version,
    IReadOnlyList<BreachNotice> BreachNotices, LicenceSuspension? Suspension, LicenceEnding? Ending);

/// <summary>Body of <c>POST /api/v1/licences/{id}/breach-notices</c>: what the breach is; the cure period defaults to 30 days.</summary>
public sealed record BreachNoticeRequest([Required] string? Reason, int? CurePeriodDays);

/// <summary>An open-licence offer as the API shows it.</summary>
public sealed record OpenLicenceResponse(
    string PatentNumber, int Version, string OwnerId, TermsBody Terms, IReadOnlyList<string> Territories,
    IReadOnlyList<string> FieldsOfUse, DateTimeOffset PublishedAt, IReadOnlyList<string> LicenceIds);

/// <summary>Body of <c>POST /api/v1/licences/{id}/royalty-reports</c>.</summary>
public sealed record RoyaltyReportRequest([Required] string? Period, [Required] string? Category, [Required] string? Region, [Required] long? Units);

/// <summary>Body of <c>POST /api/v1/licences/{id}/cnipa-filing</c>.</summary>
public sealed record CnipaFilingRequest([Required] string? FilingNumber, [Required] DateOnly? FiledOn);

/// <summary>Body of <c>POST /api/v1/patents/{number}/open-licence</c>: territories default to CN.</summary>
public sealed record OpenLicenceRequest([Required] TermsRequest? Terms, IReadOnlyList<string>? Territories, IReadOnlyList<string>? FieldsOfUse);

/// <summary>Optional body of <c>…/open-licence/accept</c>: the offer version read, so a changed offer is not accepted unseen.</summary>
public sealed record AcceptOpenLicenceRequest(int? Version);

/// <summary>Body of <c>GET /api/v1/licences/{id}/invoices</c>: oldest first, statuses as of today.</summary>
public sealed record InvoiceListResponse(string LicenceId, IReadOnlyList<Invoice> Items);

/// <summary>Answer of <c>POST /api/v1/licences/{id}/royalty-reports/import</c>: every row's invoice, in file order.</summary>
public sealed record RoyaltyImportResponse(string LicenceId, int Imported, IReadOnlyList<Invoice> Invoices);
