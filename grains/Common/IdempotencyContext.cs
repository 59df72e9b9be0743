namespace PatentNav.Market.Grains.Common;

/// <summary>
/// One attempt at a request under an idempotency key: the caller's scope, the key, and the attempt
/// number. The number is a fencing token: attempt n+1 took the key over after attempt n's lease ran
/// out (its gateway crashed, or it failed without an answer).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record IdempotentAttempt(string Scope, string Key, long Attempt);

/// <summary>
/// The idempotency key a request runs under. The gateway's idempotency filter puts it into Orleans'
/// <see cref="RequestContext"/>, which flows with every grain call of the request (as
/// <see cref="CallerContext"/> does); the grain storage records it with every write it commits, in
/// the same transaction, so a later attempt can tell whether the key's work was done.
/// </summary>
public static class IdempotencyContext
{
    public const string Key = "idempotency";

    public static IdempotentAttempt? Current => RequestContext.Get(Key) as IdempotentAttempt;

    public static void Set(IdempotentAttempt attempt) => RequestContext.Set(Key, attempt);
}

/// <summary>A later attempt has taken this idempotency key over; this one's writes are refused (409 <c>idempotency_key_in_use</c>).</summary>
[GenerateSerializer]
public sealed class SupersededAttemptException(string key, long attempt)
    : InvalidOperationException($"Attempt {attempt} of idempotency key {key} was taken over by a later attempt.")
{
    [Id(0)]
    public long Attempt { get; } = attempt;
}
