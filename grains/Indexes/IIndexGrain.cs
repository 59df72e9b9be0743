namespace PatentNav.Market.Grains.Indexes;

/// <summary>
/// An append-only list of ids, one grain per list (<see cref="IndexKeys"/>), for the lists the console
/// needs and no grain holds: every party, a licensee's licences, the transfers an operating center runs. Grains add themselves before they write
/// their own state, so an id may outlive a failed creation; readers skip ids whose grain is empty.
/// </summary>
public interface IIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds the id at the end; adding an id already listed changes nothing.</summary>
    Task Add(string id);

    /// <summary>Up to <paramref name="limit"/> ids from position <paramref name="from"/>, in the order they were added, and the total count.</summary>
    Task<IndexPage> Page(int from, int limit);
}

[GenerateSerializer]
[Immutable]
public sealed record IndexPage([property: Id(0)] IReadOnlyList<string> Ids, [property: Id(1)] int Total);

/// <summary>The keys of the index grains.</summary>
public static class IndexKeys
{
    public const string Parties = "parties";

    public static string LicenseeLicences(string licenseeId) => "licensee-licences:" + licenseeId;

    public static string CenterTransfers(string centerId) => "center-transfers:" + centerId;

    /// <summary>The pledge deals naming an operating center as the one that files their registration, oldest first.</summary>
    public static string CenterPledges(string centerId) => "center-pledges:" + centerId;

    /// <summary>The navigation reports an operating center published, oldest first.</summary>
    public static string CenterNavigationReports(string centerId) => "center-navigation-reports:" + centerId;

    /// <summary>The navigation projects an operating center opened, oldest first.</summary>
    public static string CenterNavigationProjects(string centerId) => "center-navigation-projects:" + centerId;

    /// <summary>Every alliance (the admin's list).</summary>
    public const string Alliances = "alliances";

    /// <summary>The alliances a party runs or is or was a member of (a caller's list, filtered by who may read).</summary>
    public static string PartyAlliances(string partyId) => "party-alliances:" + partyId;
}

[GenerateSerializer]
public sealed class IndexState
{
    [Id(0)]
    public List<string> Ids { get; set; } = [];
}
