using System.Collections.Concurrent;
using PatentNav.Market.ClientApi.Idempotency;

namespace PatentNav.Market.Tests.Idempotency;

/// <summary>
/// A test hook around the real store: for a chosen key it fails once the way a killed gateway does —
/// after the claim, before the request runs (nothing committed), or after the grain call, before the
/// response is stored (the work committed, the answer lost). The lease is what must recover the key.
/// </summary>
public sealed class CrashingIdempotencyStore(IIdempotencyStore inner) : IIdempotencyStore
{
    private readonly ConcurrentDictionary<string, bool> _crashAfterClaim = new();
    private readonly ConcurrentDictionary<string, bool> _crashBeforeStore = new();

    /// <summary>What each key's first attempt would have answered, had it not died before storing it.</summary>
    public ConcurrentDictionary<string, StoredResponse> LostResponses { get; } = new();

    public void CrashAfterClaim(string key) => _crashAfterClaim[key] = true;

    public void CrashBeforeStoringResponse(string key) => _crashBeforeStore[key] = true;

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var claim = await inner.ClaimAsync(scope, key, fingerprint, lease, cancellationToken);
        if (claim.Outcome == ClaimOutcome.Claimed && _crashAfterClaim.TryRemove(key, out _))
            throw new InjectedCrashException($"injected: the gateway died after claiming {key}");
        return claim;
    }

    public Task CompleteAsync(string scope, string key, long attempt, StoredResponse response, CancellationToken cancellationToken = default)
    {
        if (!_crashBeforeStore.TryRemove(key, out _)) return inner.CompleteAsync(scope, key, attempt, response, cancellationToken);
        LostResponses[key] = response;
        throw new InjectedCrashException($"injected: the gateway died before storing the response of {key}");
    }

    /// <summary>A crashed process releases nothing: the claim stays until its lease runs out.</summary>
    public Task ReleaseAsync(string scope, string key, long attempt, CancellationToken cancellationToken = default) =>
        inner.ReleaseAsync(scope, key, attempt, cancellationToken);
}

public sealed class InjectedCrashException(string message) : Exception(message);
