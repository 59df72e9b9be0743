using System.Globalization;
using Orleans.Storage;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Silo.Storage;

/// <summary>A projection kept in process memory, updated under the in-memory store's lock.</summary>
public interface IInMemoryProjection
{
    string StateName { get; }
    void Project(string key, object state);
}

/// <summary>
/// The embedded default: state, journal, ledger and projections in process memory, committed
/// together under one lock as the PostgreSQL storage commits them in one transaction. Not durable,
/// one process only; the silo says so loudly at start-up. (Orleans' own memory storage would keep
/// the state but not the postings and projections that must change with it.)
/// </summary>
public sealed class InMemoryGrainStorage(IEnumerable<IInMemoryProjection> projections, IGrainContextAccessor contexts, MarketClock clock)
    : IGrainStorage, ILedgerQueries, IAuditTrail, IPoolLicensees
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, string), (string Json, long Version)> _states = [];
    private readonly Dictionary<(string, string), List<AuditEntry>> _journal = [];
    private readonly HashSet<string> _postingIds = [];
    private readonly Dictionary<string, List<AccountEntry>> _entriesByAccount = [];
    private readonly Dictionary<string, long> _totalsByCurrency = [];
    private readonly Dictionary<string, (long Seq, string PoolId, PoolLicensee Row)> _poolLicensees = [];
    private long _poolLicenseeSeq;
    private readonly ILookup<string, IInMemoryProjection> _projections = projections.ToLookup(p => p.StateName);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        (string Json, long Version) stored;
        bool found;
        lock (_gate) found = _states.TryGetValue((stateName, grainId.Key.ToString()), out stored);
        grainState.State = found ? (T)StateJson.Deserialize(stored.Json, typeof(T)) : Activator.CreateInstance<T>();
        grainState.ETag = found ? stored.Version.ToString(CultureInfo.InvariantCulture) : null;
        grainState.RecordExists = found;
        if (found) GrainWriteContext.Current(contexts, grainId)?.Remember(stateName, stored.Json);
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var writeContext = GrainWriteContext.Current(contexts, grainId);
        var postings = writeContext?.Drain() ?? [];
        var poolLicensees = writeContext?.DrainPoolLicensees() ?? [];
        var json = StateJson.Serialize(grainState.State!);
        var id = (stateName, grainId.Key.ToString());
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var current = _states.TryGetValue(id, out var stored) ? stored.Version : 0;
            if (current != expected)
                throw new InconsistentStateException($"{stateName}/{id.Item2} is at version {current}, not {expected}.", current.ToString(CultureInfo.InvariantCulture), grainState.ETag);
            foreach (var posting in postings)
            {
                posting.Validate();
                if (_postingIds.Contains(posting.Id) || postings.Count(p => p.Id == posting.Id) > 1)
                    throw new DuplicatePostingException(posting.Id);
            }
            foreach (var posting in postings) Book(posting, now);
            foreach (var (poolId, row) in poolLicensees)
                _poolLicensees[row.LicenceId] = _poolLicensees.TryGetValue(row.LicenceId, out var listed)
                    ? listed with { Row = listed.Row with { EndedOn = row.EndedOn } } // as the table's upsert: only the ending changes
                    : (++_poolLicenseeSeq, poolId, row);
            var version = current + 1;
            _states[id] = (json, version);
            if (!_journal.TryGetValue(id, out var entries)) _journal[id] = entries = [];
            entries.Add(new AuditEntry(version, writeContext?.Operation ?? "unknown", CallerContext.Current, now,
                StateChanges.AsElement(StateChanges.Between(writeContext?.LastJson(stateName), json))));
            foreach (var projection in _projections[stateName]) projection.Project(id.Item2, grainState.State!);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        MarketMetrics.PostingsCommitted(postings);
        writeContext?.Remember(stateName, json);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("Market grain state is kept for the audit trail; it is never cleared.");

    private void Book(Posting posting, DateTimeOffset postedAt)
    {
        _postingIds.Add(posting.Id);
        foreach (var entry in posting.Entries)
        {
            if (!_entriesByAccount.TryGetValue(entry.Account, out var list)) _entriesByAccount[entry.Account] = list = [];
            list.Add(new AccountEntry(posting.Id, posting.Memo, new Money(entry.Amount, posting.Currency), postedAt,
                posting.ValueDate ?? MarketClock.DayOf(postedAt)));
            _totalsByCurrency[posting.Currency] = _totalsByCurrency.GetValueOrDefault(posting.Currency) + entry.Amount;
        }
    }

    public Task<IReadOnlyList<AuditEntry>> History(string stateName, string key, long afterVersion, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<AuditEntry>>(
                _journal.TryGetValue((stateName, key), out var entries) ? [.. entries.Where(e => e.Version > afterVersion).Take(limit)] : []);
    }

    public Task<PoolLicenseePage> Current(string poolId, long after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var rows = _poolLicensees.Values.Where(r => r.PoolId == poolId && r.Row.EndedOn is null && r.Seq > after)
                .OrderBy(r => r.Seq).Take(limit + 1).ToList();
            var page = rows.Take(limit).ToList();
            return Task.FromResult(new PoolLicenseePage([.. page.Select(r => r.Row)], rows.Count > limit ? page[^1].Seq : null));
        }
    }

    public Task<AccountStatement> Account(string account, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entries = _entriesByAccount.GetValueOrDefault(account) ?? [];
            var balances = entries.GroupBy(e => e.Amount.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Money(g.Sum(e => e.Amount.Amount), g.Key)).ToList();
            return Task.FromResult(new AccountStatement(account, balances, [.. Enumerable.Reverse(entries).Take(limit)]));
        }
    }

    public Task<IReadOnlyList<Money>> TrialBalance(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Money>>([.. _totalsByCurrency.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Money(t.Value, t.Key))]);
    }

    public Task<IReadOnlyList<string>> PostingIds(string prefix, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<string>>([.. _postingIds.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);
    }

    public Task<IReadOnlyDictionary<(string Account, string Currency), long>> Balances(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyDictionary<(string Account, string Currency), long>>(_entriesByAccount
                .SelectMany(a => a.Value.Select(e => (a.Key, e.Amount.Currency, e.Amount.Amount)))
                .GroupBy(e => (e.Key, e.Currency)).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount)));
    }
}
