namespace PatentNav.Market.Grains.Navigation;

/// <summary>A navigation project (GB/T 39551) of an operating center, keyed <c>nvp_…</c>: scope → snapshots → reports.</summary>
public interface INavigationProjectGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the project: a name (400 <c>required</c>), a valid scope (<see cref="LandscapeScope.Validated"/>), an operating
    /// center (422 <c>not_operating_center</c>). Opening it again with the same command returns it; another is 409 <c>project_exists</c>.
    /// </summary>
    Task<NavigationProjectView> Open(OpenNavigationProject command);

    /// <summary>The project, or null if it was never opened.</summary>
    Task<NavigationProjectView?> Get();

    /// <summary>
    /// Runs the landscape of the project's scope today, as its center sees it (operations amounts of the center's own
    /// deals included), and keeps it as snapshot <paramref name="snapshotId"/>; taking an id already taken returns that snapshot.
    /// 404 <c>project_not_found</c>.
    /// </summary>
    Task<NavigationSnapshot> TakeSnapshot(string snapshotId);

    /// <summary>
    /// Publishes a report on one of the project's snapshots (404 <c>snapshot_not_found</c>) as the next version; the
    /// same report id again returns the published report.
    /// </summary>
    Task<NavigationReportView> Publish(PublishNavigationReport command);
}
