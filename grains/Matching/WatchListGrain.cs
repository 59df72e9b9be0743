namespace PatentNav.Market.Grains.Matching;

public sealed class WatchListGrain([PersistentState(WatchListGrain.StateName, MarketStorage.Name)] IPersistentState<WatchListState> list, MarketClock clock)
    : Grain, IWatchListGrain
{
    public const string StateName = "watch-list";

    /// <summary>A party watches at most this many things: each patent write is checked against every watch.</summary>
    public const int MaxWatches = 100;

    public async Task<Watch> Add(WatchKind kind, string value)
    {
        if (list.State.Watches.FirstOrDefault(w => w.Kind == kind && w.Value == value) is { } existing) return existing;
        if (list.State.Watches.Count >= MaxWatches)
            throw DomainException.Unprocessable("too_many_watches", $"A party watches at most {MaxWatches} things; remove one first.");
        var watch = new Watch($"w{++list.State.Serial}", kind, value, clock.GetUtcNow());
        list.State.Watches.Add(watch);
        await list.WriteStateAsync();
        return watch;
    }

    public async Task<Watch> Remove(string watchId)
    {
        var watch = list.State.Watches.FirstOrDefault(w => w.Id == watchId)
            ?? throw DomainException.NotFound("watch_not_found", $"There is no watch {watchId} on this list.", "watchId");
        list.State.Watches.Remove(watch);
        await list.WriteStateAsync();
        return watch;
    }

    public Task<IReadOnlyList<Watch>> List() => Task.FromResult<IReadOnlyList<Watch>>(list.State.Watches);
}
