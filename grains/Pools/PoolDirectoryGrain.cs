
namespace PatentNav.Market.Grains.Pools;

public sealed class PoolDirectoryGrain([PersistentState("pool-directory", MarketStorage.Name)] IPersistentState<PoolDirectoryState> directory) : Grain, IPoolDirectoryGrain
{
    public async Task Register(PoolListing listing)
    {
        var pools = directory.State.Pools;
        var index = pools.FindIndex(p => p.Id == listing.Id);
        if (index >= 0 && pools[index] == listing) return;
        if (index >= 0) pools[index] = listing;
        else pools.Add(listing);
        await directory.WriteStateAsync();
    }

    public Task<IReadOnlyList<PoolListing>> List() =>
        Task.FromResult<IReadOnlyList<PoolListing>>([.. directory.State.Pools.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)]);
}
