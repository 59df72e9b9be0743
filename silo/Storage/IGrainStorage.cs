using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Silo.Storage;

/// <summary>Grain state as stored: the JSON payload and its version (the etag).</summary>
public sealed record StoredState(string Json, long Version);

/// <summary>
/// One state change: the new payload, the version it was read at (0 before the first write),
/// the journal facts, and the ledger postings the change causes. Projections of <see cref="State"/>
/// and the postings commit in the same transaction as the state.
/// </summary>
public sealed record GrainWrite(
    GrainId Id, object State, string Json, long ExpectedVersion, string Operation, string? Caller, IReadOnlyList<Posting> Postings);

/// <summary>
/// Durable grain state with optimistic concurrency. A write whose expected version is not the
/// stored one throws <see cref="Grains.Abstractions.InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainId id, CancellationToken cancellationToken = default);

    /// <summary>Writes state, journal entry and projections atomically; returns the new version.</summary>
    Task<long> WriteAsync(GrainWrite write, CancellationToken cancellationToken = default);

    /// <summary>The audit journal of one grain, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadJournalAsync(GrainId id, long afterVersion, int limit, CancellationToken cancellationToken = default);
}
