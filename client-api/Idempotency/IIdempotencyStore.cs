namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>A response kept for replay: status, content type, body and Location header.</summary>
public sealed record StoredResponse(int Status, string ContentType, string Body, string? Location);

public enum ClaimOutcome
{
    /// <summary>This request owns the key: run it, then complete or release.</summary>
    Claimed,
    /// <summary>The same request ran before: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay,
    /// <summary>The key was used with a different request body.</summary>
    Mismatch,
    /// <summary>An identical request holding the key is still running.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(ClaimOutcome Outcome, StoredResponse? Response = null);

/// <summary>
/// Idempotency keys, scoped per caller. Claiming is atomic (a unique key in PostgreSQL), so of
/// concurrent duplicates exactly one runs; the others wait for its stored response.
/// Keys are kept for <see cref="Retention"/> and may be reused after that.
/// </summary>
public interface IIdempotencyStore
{
    static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken = default);

    Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>Frees a claim whose request failed unexpectedly, so a retry can run.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default);
}
