
namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>Idempotency keys of the embedded default, in process memory.</summary>
public sealed class InMemoryIdempotencyStore(MarketClock clock) : IIdempotencyStore
{
    private sealed record Entry(string Fingerprint, StoredResponse? Response, DateTimeOffset CreatedAt);

    private readonly object _gate = new();
    private readonly Dictionary<(string, string), Entry> _entries = [];

    public Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue((scope, key), out var entry) || entry.CreatedAt < now - IIdempotencyStore.Retention)
            {
                _entries[(scope, key)] = new Entry(fingerprint, null, now);
                return Task.FromResult(new IdempotencyClaim(ClaimOutcome.Claimed));
            }
            return Task.FromResult(entry.Fingerprint != fingerprint ? new IdempotencyClaim(ClaimOutcome.Mismatch)
                : entry.Response is null ? new IdempotencyClaim(ClaimOutcome.InProgress)
                : new IdempotencyClaim(ClaimOutcome.Replay, entry.Response));
        }
    }

    public Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_entries.TryGetValue((scope, key), out var entry)) _entries[(scope, key)] = entry with { Response = response };
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_entries.TryGetValue((scope, key), out var entry) && entry.Response is null) _entries.Remove((scope, key));
        return Task.CompletedTask;
    }
}
