namespace PatentNav.Market.Grains.Matching;

/// <summary>What a watch follows (跟踪监测): a holder's patents, an IPC prefix, or a keyword in titles and abstracts.</summary>
[GenerateSerializer]
public enum WatchKind
{
    Holder,
    Ipc,
    Keyword,
}

[GenerateSerializer]
[Immutable]
public sealed record Watch([property: Id(0)] string Id, [property: Id(1)] WatchKind Kind, [property: Id(2)] string Value, [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>
/// A party's watch list, keyed by the party id. New registrations, valuations, transfers, licences and pledges of
/// patents in a watch's scope appear in the party's feed from the watch's creation on (docs/MATCHING.md).
/// </summary>
public interface IWatchListGrain : IGrainWithStringKey
{
    /// <summary>Adds a watch; the same kind and value again returns the watch already there.</summary>
    Task<Watch> Add(WatchKind kind, string value);

    /// <summary>Removes a watch (404 <c>watch_not_found</c> if it is not on the list).</summary>
    Task<Watch> Remove(string watchId);

    Task<IReadOnlyList<Watch>> List();
}

[GenerateSerializer]
public sealed class WatchListState
{
    [Id(0)] public List<Watch> Watches { get; set; } = [];
    [Id(1)] public int Serial { get; set; }
}

