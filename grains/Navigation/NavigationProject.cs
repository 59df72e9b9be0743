namespace PatentNav.Market.Grains.Navigation;

/// <summary>Navigation project types of GB/T 39551-2020 (parts 2–6).</summary>
[GenerateSerializer]
public enum NavigationProjectType
{
    /// <summary>区域规划类 (part 2).</summary>
    RegionalPlanning,
    /// <summary>产业规划类 (part 3).</summary>
    IndustrialPlanning,
    /// <summary>企业经营类 (part 4).</summary>
    EnterpriseOperation,
    /// <summary>研发活动类 (part 5).</summary>
    ResearchAndDevelopment,
    /// <summary>人才管理类 (part 6).</summary>
    Talent,
}

/// <summary>Opens a project for operating center <c>CenterId</c> over <c>Scope</c>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OpenNavigationProject(string CenterId, string Name, NavigationProjectType Type, LandscapeScope Scope);

/// <summary>A dated run of the project's landscape, kept as it was (GB/T 39551: data → analysis).</summary>
[GenerateSerializer]
[Immutable]
public sealed record NavigationSnapshot(string Id, DateTimeOffset TakenAt, string? TakenBy, Landscape Landscape);

/// <summary>A published report of the project, as the project lists it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReportReference(string Id, int Version, string Title, DateTimeOffset PublishedAt);

/// <summary>A snapshot as the project lists it; its landscape is in the answer that took it and in the reports on it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SnapshotReference(string Id, DateTimeOffset TakenAt, DateOnly AsOf, long Patents);

[GenerateSerializer]
[Immutable]
public sealed record NavigationProjectView(
    string Id,
    string CenterId,
    string Name,
    NavigationProjectType Type,
    LandscapeScope Scope,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SnapshotReference> Snapshots,
    IReadOnlyList<ReportReference> Reports);

/// <summary>Publishes the analyst's <c>Conclusions</c> on snapshot <c>SnapshotId</c> as report <c>ReportId</c>, the project's next version.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PublishNavigationReport(string ReportId, string SnapshotId, string Title, IReadOnlyList<string> Conclusions);

[GenerateSerializer]
public sealed class NavigationProjectState
{
    [Id(0)]
    public string CenterId { get; set; } = "";
    [Id(1)]
    public string Name { get; set; } = "";
    [Id(2)]
    public NavigationProjectType Type { get; set; }
    [Id(3)]
    public LandscapeScope? Scope { get; set; }
    [Id(4)]
    public DateTimeOffset? CreatedAt { get; set; }
    [Id(5)]
    public List<NavigationSnapshot> Snapshots { get; set; } = [];
    [Id(6)]
    public List<ReportReference> Reports { get; set; } = [];
}
