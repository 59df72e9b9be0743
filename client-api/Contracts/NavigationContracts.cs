using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Navigation;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>A landscape scope in a body: the query parameters of <c>GET /api/v1/navigation/landscape</c> as fields.</summary>
public sealed record NavigationScopeBody(
    IReadOnlyList<string>? Ipc, IReadOnlyList<string>? Keywords, string? From, string? To, string? Region, string? PoolId, string? Focus, string? Currency,
    string? AllianceId = null);

/// <summary>Body of <c>POST /api/v1/navigation/projects</c>.</summary>
public sealed record OpenNavigationProjectRequest([Required] string? CenterId, [Required] string? Name, [Required] NavigationProjectType? Type, NavigationScopeBody? Scope);

/// <summary>Body of <c>POST /api/v1/navigation/projects/{id}/reports</c>: the analyst's conclusions on one snapshot.</summary>
public sealed record PublishNavigationReportRequest([Required] string? SnapshotId, [Required] string? Title, [Required] IReadOnlyList<string>? Conclusions);

/// <summary>Body of <c>POST /api/v1/listings/{id}/reports</c> and <c>POST /api/v1/pools/{id}/reports</c>: published navigation reports to cite.</summary>
public sealed record CiteReportsRequest([Required] IReadOnlyList<string>? ReportIds);

/// <summary>Body of <c>POST /api/v1/navigation/reports/{id}/filing</c>: the authority's filing number and date (备案).</summary>
public sealed record ReportFilingRequest([Required] string? FilingNumber, [Required] DateOnly? FiledOn);

/// <summary>A published report as a list shows it (no data).</summary>
public sealed record NavigationReportSummary(
    string Id, string ProjectId, string ProjectName, NavigationProjectType ProjectType, int Version, string? PreviousVersionId, string Title,
    DateOnly AsOf, DateTimeOffset PublishedAt, ReportFiling? Filing)
{
    public static NavigationReportSummary From(NavigationReportView r) => new(r.Id, r.Content.ProjectId, r.Content.ProjectName, r.Content.ProjectType,
        r.Content.Version, r.Content.PreviousVersionId, r.Content.Title, r.Content.Landscape.AsOf, r.Content.PublishedAt, r.Filing);
}

public sealed record NavigationReportListResponse(string CenterId, IReadOnlyList<NavigationReportSummary> Items, string? NextCursor);

/// <summary>A navigation project as a center's list shows it: no snapshot data, only how many snapshots and the latest report version.</summary>
public sealed record NavigationProjectSummary(
    string Id, string Name, NavigationProjectType Type, LandscapeScope Scope, DateTimeOffset CreatedAt, int Snapshots, int Reports, int? LatestVersion)
{
    public static NavigationProjectSummary From(NavigationProjectView p) => new(p.Id, p.Name, p.Type, p.Scope, p.CreatedAt,
        p.Snapshots.Count, p.Reports.Count, p.Reports.Count == 0 ? null : p.Reports.Max(r => r.Version));
}

public sealed record NavigationProjectListResponse(string CenterId, IReadOnlyList<NavigationProjectSummary> Items, string? NextCursor);
