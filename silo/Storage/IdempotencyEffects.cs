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
    /// <remarks>
    /// One statement, run last in the write's batch: the key's row is read <c>FOR SHARE</c> (held until the
    /// transaction ends: a takeover, which bumps the attempt, waits for this write, and this write sees a
    /// takeover that came first), the effect is recorded unless a later attempt holds the key, and the key's
    /// attempt is returned; the storage refuses the write with <see cref="SupersededAttemptException"/> when
    /// it is later than this one, which rolls the effect back with everything else.
    /// Positional parameters: Npgsql (and Dapper) match names case-insensitively, so a grain key passed as
    /// @key next to the idempotency @Key was once bound to the idempotency key (two grains of one state type
    /// at one version then collided on the primary key).
    /// No ON CONFLICT: a grain's version commits once (the state row's version check, the journal's primary
    /// key), so (key, grain, version) is recorded once; a duplicate would be a bug that must fail the write.
    /// </remarks>
    public static NpgsqlBatchCommand Command(IdempotentAttempt attempt, string stateName, string key, long version, IReadOnlyList<Posting> postings)
    {
        var command = new NpgsqlBatchCommand(
            """
            WITH claim AS (SELECT attempt FROM idempotency_keys WHERE scope = $1 AND key = $2 FOR SHARE),
            effect AS (
                INSERT INTO idempotency_effects (scope, key, grain_type, grain_key, version, attempt, postings)
                SELECT $1, $2, $4, $5, $6, $3, $7 WHERE NOT EXISTS (SELECT 1 FROM claim WHERE claim.attempt > $3))
            SELECT attempt FROM claim
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = attempt.Scope });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = attempt.Key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = attempt.Attempt });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = postings.Count });
        return command;
    }
}
