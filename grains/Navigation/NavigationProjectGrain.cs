using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Grains.Navigation;

public sealed class NavigationProjectGrain(
    [PersistentState("navigation-project", MarketStorage.Name)] IPersistentState<NavigationProjectState> project,
    ILandscapeQueries landscapes,
    MarketClock clock) : Grain, INavigationProjectGrain
{
    public const int MaxName = 200;
    public const int MaxConclusions = 50;
    public const int MaxConclusion = 4000;

    private string Id => this.GetPrimaryKeyString();

    public async Task<NavigationProjectView> Open(OpenNavigationProject command)
    {
        var name = command.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxName)
            throw DomainException.Invalid("required", "name", $"A name of at most {MaxName} characters is required.");
        var scope = LandscapeScope.Validated(command.Scope);
        if (project.State.CreatedAt is not null)
            return project.State.CenterId == command.CenterId && project.State.Name == name && project.State.Type == command.Type && project.State.Scope!.SameAs(scope)
                ? View()
                : throw DomainException.Conflict("project_exists", $"Project {Id} exists with other terms.");
        var center = await GrainFactory.GetGrain<IPartyGrain>(command.CenterId).Get()
            ?? throw DomainException.Unprocessable("unknown_party", $"Party {command.CenterId} does not exist.", "centerId");
        if (center.Kind != PartyKind.OperatingCenter)
            throw DomainException.Unprocessable("not_operating_center", $"Party {center.Id} is a {center.Kind}; navigation projects are an operating center's.", "centerId");

        // Listed before the state is written (IIndexGrain): a failed write leaves an id the list skips, never a project it misses.
        await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.CenterNavigationProjects(command.CenterId)).Add(Id);
        project.State = new NavigationProjectState
        {
            CenterId = command.CenterId, Name = name, Type = command.Type, Scope = scope, CreatedAt = clock.GetUtcNow(),
        };
        await project.WriteStateAsync();
        return View();
    }

    public Task<NavigationProjectView?> Get() => Task.FromResult(project.State.CreatedAt is null ? null : View());

    public async Task<NavigationSnapshot> TakeSnapshot(string snapshotId)
    {
        RequireOpen();
        if (project.State.Snapshots.Find(s => s.Id == snapshotId) is { } taken) return taken;
        var today = clock.Today;
        var scope = project.State.Scope!;
        // As the center sees it: a report states the center's own operations, not what the center may not see.
        var facts = await landscapes.Facts(scope, project.State.CenterId, today);
        var snapshot = new NavigationSnapshot(snapshotId, clock.GetUtcNow(), CallerContext.Current,
            LandscapeBuilder.Build(facts, scope, LandscapeScope.AllSections, today, admin: false));
        project.State.Snapshots.Add(snapshot);
        await project.WriteStateAsync();
        return snapshot;
    }

    public async Task<NavigationReportView> Publish(PublishNavigationReport command)
    {
        RequireOpen();
        var report = GrainFactory.GetGrain<INavigationReportGrain>(command.ReportId);
        if (project.State.Reports.Any(r => r.Id == command.ReportId))
            return await report.Get() ?? throw new InvalidOperationException($"Report {command.ReportId} is listed but not stored.");
        var title = command.Title?.Trim() ?? "";
        if (title.Length is 0 or > MaxName)
            throw DomainException.Invalid("required", "title", $"A title of at most {MaxName} characters is required.");
        if (command.Conclusions is not { Count: > 0 and <= MaxConclusions } conclusions)
            throw DomainException.Invalid("required", "conclusions", $"1 to {MaxConclusions} conclusions are required.");
        for (var i = 0; i < conclusions.Count; i++)
            if (string.IsNullOrWhiteSpace(conclusions[i]) || conclusions[i].Length > MaxConclusion)
                throw DomainException.Invalid("required", $"conclusions[{i}]", $"A conclusion of at most {MaxConclusion} characters.");
        var snapshot = project.State.Snapshots.Find(s => s.Id == command.SnapshotId)
            ?? throw DomainException.NotFound("snapshot_not_found", $"Project {Id} has no snapshot {command.SnapshotId}.", "snapshotId");

        var previous = project.State.Reports.LastOrDefault();
        var content = new NavigationReportContent(Id, project.State.CenterId, project.State.Name, project.State.Type,
            (previous?.Version ?? 0) + 1, previous?.Id, title, [.. conclusions.Select(c => c.Trim())], snapshot.Id, snapshot.TakenAt,
            snapshot.Landscape, clock.GetUtcNow(), CallerContext.Current);
        // The report first: if this write then fails, the retry finds it published with the same content.
        var published = await report.Publish(content);
        await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.CenterNavigationReports(project.State.CenterId)).Add(command.ReportId);
        project.State.Reports.Add(new ReportReference(command.ReportId, published.Content.Version, title, published.Content.PublishedAt));
        await project.WriteStateAsync();
        return published;
    }

    private void RequireOpen()
    {
        if (project.State.CreatedAt is null)
            throw DomainException.NotFound("project_not_found", $"Navigation project {Id} does not exist.");
    }

    private NavigationProjectView View() => new(Id, project.State.CenterId, project.State.Name, project.State.Type, project.State.Scope!,
        project.State.CreatedAt!.Value,
        [.. project.State.Snapshots.Select(s => new SnapshotReference(s.Id, s.TakenAt, s.Landscape.AsOf, s.Landscape.Patents))],
        project.State.Reports);
}
