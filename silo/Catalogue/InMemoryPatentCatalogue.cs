using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Catalogue;

/// <summary>The catalogue of the embedded default: rows in a sorted map, searched by scanning.</summary>
public sealed class InMemoryPatentCatalogue(MarketClock clock) : IPatentCatalogue, IInMemoryProjection
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, CatalogueRow> _rows = new(StringComparer.Ordinal);

    public string StateName => PatentCatalogueProjection.StateName;

    public void Project(string key, object state)
    {
        lock (_gate) _rows[key] = CatalogueRow.From((PatentState)state, Today);
    }

    public Task<CataloguePage> Search(CatalogueQuery query, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var keywords = query.Keywords.Select(k => k.ToLowerInvariant()).ToList();
        var ipc = query.IpcPrefix is null ? null : IpcCode.Compact(query.IpcPrefix);
        List<CatalogueRow> matches;
        lock (_gate)
            matches = _rows.Values
                .Where(r => query.After is null || string.CompareOrdinal(r.Number, query.After) > 0)
                .Where(r => keywords.All(k => r.SearchText.Contains(k, StringComparison.Ordinal)))
                .Where(r => ipc is null || r.IpcPrefixes.Contains(ipc))
                .Where(r => query.OwnerId is null || r.OwnerIds.Contains(query.OwnerId))
                .Where(r => query.Type is null || r.Type == CatalogueRow.Name(query.Type.Value))
                .Where(r => query.MinValue is null || r.ValueAmount >= query.MinValue)
                .Where(r => query.MaxValue is null || r.ValueAmount <= query.MaxValue)
                .Select(r => (Row: r, Entry: r.ToEntry(today)))
                .Where(m => query.Status is null || m.Entry.Status == query.Status)
                .Take(query.Limit + 1)
                .Select(m => m.Row)
                .ToList();
        var page = matches.Take(query.Limit).Select(r => r.ToEntry(today)).ToList();
        return Task.FromResult(new CataloguePage(page, matches.Count > query.Limit ? page[^1].Number : null));
    }

    private DateOnly Today => clock.Today;
}
