namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// A published navigation report: one version, never changed once published (a revision is the project's next
/// version, another report). <c>PreviousVersionId</c> is the version it revises.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record NavigationReportContent(
    string ProjectId,
    string CenterId,
    string ProjectName,
    NavigationProjectType ProjectType,
    int Version,
    string? PreviousVersionId,
    string Title,
    IReadOnlyList<string> Conclusions,
    string SnapshotId,
    DateTimeOffset SnapshotTakenAt,
    Landscape Landscape,
    DateTimeOffset PublishedAt,
    string? PublishedBy);

/// <summary>The filing (备案) of a published report with the authority: its number and date.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReportFiling(string FilingNumber, DateOnly FiledOn, DateTimeOffset RecordedAt, string? RecordedBy);

[GenerateSerializer]
[Immutable]
public sealed record NavigationReportView(string Id, NavigationReportContent Content, ReportFiling? Filing, IReadOnlyList<ReportCitation>? CitedBy = null);

[GenerateSerializer]
public sealed class NavigationReportState
{
    [Id(0)]
    public NavigationReportContent? Content { get; set; }
    [Id(1)]
    public ReportFiling? Filing { get; set; }
    /// <summary>The listings and pools that cite it, in citing order (beside the content, which never changes).</summary>
    [Id(2)]
    public List<ReportCitation> Citations { get; set; } = [];
}
