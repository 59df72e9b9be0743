using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Indexes;

public sealed class IndexGrain([PersistentState("index", MarketStorage.Name)] IPersistentState<IndexState> index) : Grain, IIndexGrain
{
    public async Task Add(string id)
    {
        if (index.State.Ids.Contains(id)) return;
        index.State.Ids.Add(id);
        await index.WriteStateAsync();
    }

    public Task<IndexPage> Page(int from, int limit)
    {
        var ids = index.State.Ids;
        return Task.FromResult(new IndexPage([.. ids.Skip(Math.Max(0, from)).Take(limit)], ids.Count));
    }
}
