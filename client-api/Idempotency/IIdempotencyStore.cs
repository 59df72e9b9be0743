namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>A response kept for replay: status, content type, body and Location header.</summary>
public sealed record StoredResponse(int Status, string ContentType, string Body, string? Location);

public enum ClaimOutcome
{
    /// <summary>This request owns the key (<see cref="IdempotencyClaim.Attempt"/>): run it, then complete or release.</summary>
    Claimed,
    /// <summary>The same request ran before: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay,
    /// <summary>The key was used with a different request body.</summary>
    Mismatch,
    /// <summary>An identical request holds the key and its lease has not run out.</summary>
    InProgress,
}

/// <param name="Attempt">For <see cref="ClaimOutcome.Claimed"/>: 1 for a fresh key, n + 1 when this request took the key over from attempt n after its lease.</param>
/// <param name="Committed">For a takeover: an earlier attempt committed grain writes under the key (its work is done, at least in part).</param>
public sealed record IdempotencyClaim(ClaimOutcome Outcome, StoredResponse? Response = null, long Attempt = 0, bool Committed = false);

/// <summary>
/// Idempotency keys, scoped per caller. Claiming is atomic (a unique key in PostgreSQL), so of
/// concurrent duplicates exactly one runs; the others wait for its stored response. A claim holds
/// the key for a lease only: a request that died without completing or releasing it (its process
/// was killed) leaves the key to the next request with the same key once the lease is over.
/// Keys are kept for <see cref="Retention"/> and may be reused after that.
/// </summary>
public interface IIdempotencyStore
{
    static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    /// <summary>Claims the key for <paramref name="lease"/>, or takes it over from an attempt whose lease is over.</summary>
    Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Stores the response of <paramref name="attempt"/>; ignored when a later attempt took the key over.</summary>
    Task CompleteAsync(string scope, string key, long attempt, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>Ends the lease of an attempt that failed without an answer to keep, so a retry takes over at once.</summary>
    Task ReleaseAsync(string scope, string key, long attempt, CancellationToken cancellationToken = default);
}
