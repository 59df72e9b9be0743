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
        var args = new { attempt.Scope, attempt.Key, attempt.Attempt, stateName, key, version, Postings = postings.Count };
        // FOR SHARE holds the claim until this transaction ends: a takeover (which bumps the attempt)
        // waits for this write, and this write sees a takeover that came first.
        var current = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT attempt FROM idempotency_keys WHERE scope = @Scope AND key = @Key FOR SHARE", args, transaction);
        if (current > attempt.Attempt)
            throw new SupersededAttemptException(attempt.Key, attempt.Attempt);
        await connection.ExecuteAsync(
            """
            INSERT INTO idempotency_effects (scope, key, grain_type, grain_key, version, attempt, postings)
            VALUES (@Scope, @Key, @stateName, @key, @version, @Attempt, @Postings)
            ON CONFLICT DO NOTHING
            """, args, transaction);
        // ON CONFLICT: the effect of this grain version under this key is on record already. Seen in
        // TransfersRulesApiTests (a transfer's second patent write); the cause is not yet understood —
        // recording an effect twice must not fail the write that made it.
    }
}
