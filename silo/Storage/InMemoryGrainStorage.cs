using System.Text.Json;
using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Silo.Storage;

/// <summary>A projection kept in process memory, updated under the in-memory store's lock.</summary>
public interface IInMemoryProjection
{
    string GrainType { get; }
    void Project(GrainId id, object state);
}

/// <summary>
/// The embedded default: state, journal and projections in process memory. Not durable, one
/// process only; the silo says so loudly at start-up.
/// </summary>
public sealed class InMemoryGrainStorage(IEnumerable<IInMemoryProjection> projections, TimeProvider clock) : IGrainStorage, ILedgerQueries
{
    private readonly object _gate = new();
    private readonly Dictionary<GrainId, StoredState> _states = [];
    private readonly Dictionary<GrainId, List<AuditEntry>> _journal = [];
    private readonly List<(Posting Posting, DateTimeOffset PostedAt)> _postings = [];
    private readonly ILookup<string, IInMemoryProjection> _projections = projections.ToLookup(p => p.GrainType);

    public Task<StoredState?> ReadAsync(GrainId id, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_states.GetValueOrDefault(id));
    }

    public Task<long> WriteAsync(GrainWrite write, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var current = _states.GetValueOrDefault(write.Id)?.Version ?? 0;
            if (current != write.ExpectedVersion)
                throw new InconsistentStateException($"{write.Id} is at version {current}, not {write.ExpectedVersion}.");
            foreach (var posting in write.Postings)
                if (_postings.Any(p => p.Posting.Id == posting.Id) || write.Postings.Count(p => p.Id == posting.Id) > 1)
                    throw new DuplicatePostingException(posting.Id);
            var version = current + 1;
            foreach (var posting in write.Postings) _postings.Add((posting.Validate(), clock.GetUtcNow()));
            _states[write.Id] = new StoredState(write.Json, version);
            if (!_journal.TryGetValue(write.Id, out var entries)) _journal[write.Id] = entries = [];
            using var document = JsonDocument.Parse(write.Json);
            entries.Add(new AuditEntry(version, write.Operation, write.Caller, clock.GetUtcNow(), document.RootElement.Clone()));
            foreach (var projection in _projections[write.Id.Type]) projection.Project(write.Id, write.State);
            return Task.FromResult(version);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadJournalAsync(GrainId id, long afterVersion, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<AuditEntry>>(
                _journal.TryGetValue(id, out var entries) ? entries.Where(e => e.Version > afterVersion).Take(limit).ToList() : []);
    }

    public Task<AccountStatement> Account(string account, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entries = _postings
                .SelectMany(p => p.Posting.Entries.Where(e => e.Account == account)
                    .Select(e => new AccountEntry(p.Posting.Id, p.Posting.Memo, new Money(e.Amount, p.Posting.Currency), p.PostedAt)))
                .ToList();
            var balances = entries.GroupBy(e => e.Amount.Currency).Select(g => new Money(g.Sum(e => e.Amount.Amount), g.Key)).ToList();
            return Task.FromResult(new AccountStatement(account, balances, [.. Enumerable.Reverse(entries).Take(limit)]));
        }
    }

    public Task<IReadOnlyList<Money>> TrialBalance(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Money>>(_postings.GroupBy(p => p.Posting.Currency)
                .Select(g => new Money(g.SelectMany(p => p.Posting.Entries).Sum(e => e.Amount), g.Key)).ToList());
    }

    public Task<IReadOnlyDictionary<(string Account, string Currency), long>> Balances(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyDictionary<(string Account, string Currency), long>>(_postings
                .SelectMany(p => p.Posting.Entries.Select(e => (e.Account, p.Posting.Currency, e.Amount)))
                .GroupBy(e => (e.Account, e.Currency)).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount)));
    }
}
