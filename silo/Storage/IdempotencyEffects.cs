using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Silo.Storage;

/// <summary>
/// Records a grain write under the request's idempotency key, inside the write's own transaction
/// (Stripe's rule: a key's result is recorded with the work it did). A takeover of the key after
/// its lease reads these rows to know whether the first attempt's work committed.
/// </summary>
internal static class IdempotencyEffects
{
    /// <summary>
    /// Refuses the write when a later attempt holds the key (<see cref="SupersededAttemptException"/>):
    /// an attempt that was taken over commits nothing more. That a retry of committed work does not
    /// move money again is the posting ids' job: they derive from the cause (the key), and the
    /// ledger refuses an id twice. (A saga may post again in a later attempt: a payout whose first
    /// attempt reserved the money and met a provider outage settles it in the next.)
    /// </summary>
    public static async Task RecordAsync(NpgsqlTransaction transaction, IdempotentAttempt attempt, string stateName, string key, long version, IReadOnlyList<Posting> postings)
    {
        var connection = transaction.Connection!;
        // Parameter names must differ by more than case: Npgsql (and Dapper) match them case-insensitively, so a grain
        // key passed as @key next to the idempotency @Key was bound to the idempotency key. Every write of one request
        // then recorded grain_key = the idempotency key: two grains of one state type at the same version (the two
        // patents a transfer claims) collided on the primary key, and the second write failed.
        var args = new { attempt.Scope, attempt.Key, attempt.Attempt, GrainType = stateName, GrainKey = key, Version = version, Postings = postings.Count };
        // FOR SHARE holds the claim until this transaction ends: a takeover (which bumps the attempt)
        // waits for this write, and this write sees a takeover that came first.
        var current = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT attempt FROM idempotency_keys WHERE scope = @Scope AND key = @Key FOR SHARE", args, transaction);
        if (current > attempt.Attempt)
            throw new SupersededAttemptException(attempt.Key, attempt.Attempt);
        // No ON CONFLICT: a grain's version commits once (the state row's version check, the journal's primary key), so
        // (key, grain, version) is recorded once; a duplicate would be a bug that must fail the write, not vanish.
        await connection.ExecuteAsync(
            """
            INSERT INTO idempotency_effects (scope, key, grain_type, grain_key, version, attempt, postings)
            VALUES (@Scope, @Key, @GrainType, @GrainKey, @Version, @Attempt, @Postings)
            """, args, transaction);
    }
}
