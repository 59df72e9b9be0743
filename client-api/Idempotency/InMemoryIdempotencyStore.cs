
namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>
/// Idempotency keys of the embedded default, in process memory. Leases as in PostgreSQL; the
/// embedded storage records no effects, so a takeover re-runs the request and the grains answer a
/// repeat from their state (ids derived from the key). A crash loses everything here anyway.
/// </summary>
public sealed class InMemoryIdempotencyStore(MarketClock clock) : IIdempotencyStore
{
    private sealed record Entry(string Fingerprint, StoredResponse? Response, DateTimeOffset CreatedAt, long Attempt, DateTimeOffset LockedUntil);

    private readonly object _gate = new();
    private readonly Dictionary<(string, string), Entry> _entries = [];

    public Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue((scope, key), out var entry) || entry.CreatedAt < now - IIdempotencyStore.Retention)
            {
                _entries[(scope, key)] = new Entry(fingerprint, null, now, 1, now + lease);
                return Task.FromResult(new IdempotencyClaim(ClaimOutcome.Claimed, Attempt: 1));
            }
            if (entry.Fingerprint != fingerprint) return Task.FromResult(new IdempotencyClaim(ClaimOutcome.Mismatch));
            if (entry.Response is not null) return Task.FromResult(new IdempotencyClaim(ClaimOutcome.Replay, entry.Response));
            if (entry.LockedUntil > now) return Task.FromResult(new IdempotencyClaim(ClaimOutcome.InProgress));
            _entries[(scope, key)] = entry with { Attempt = entry.Attempt + 1, LockedUntil = now + lease };
            return Task.FromResult(new IdempotencyClaim(ClaimOutcome.Claimed, Attempt: entry.Attempt + 1));
        }
    }

    public Task CompleteAsync(string scope, string key, long attempt, StoredResponse response, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_entries.TryGetValue((scope, key), out var entry) && entry.Attempt == attempt && entry.Response is null)
                _entries[(scope, key)] = entry with { Response = response };
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string scope, string key, long attempt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_entries.TryGetValue((scope, key), out var entry) && entry.Attempt == attempt && entry.Response is null)
                _entries[(scope, key)] = entry with { LockedUntil = entry.CreatedAt };
        return Task.CompletedTask;
    }
}
