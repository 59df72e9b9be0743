using Dapper;
using Npgsql;
using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Silo.Reminders;

/// <summary>
/// Reminders in <c>grain_reminders</c>. Claiming takes due rows whose lease is free with
/// <c>FOR UPDATE SKIP LOCKED</c> and stamps this silo's lease on them in one statement, so two
/// silos polling at once never claim the same tick.
/// </summary>
public sealed class PostgresReminderTable(NpgsqlDataSource dataSource) : IReminderTable
{
    private sealed record Row(string GrainType, string GrainKey, string Name, DateTime DueAt, long PeriodMs, DateTime FirstDueAt);

    public async Task UpsertAsync(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO grain_reminders (grain_type, grain_key, name, due_at, period_ms, first_due_at)
            VALUES (@Type, @Key, @name, @dueAt, @periodMs, @dueAt)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE
            SET due_at = excluded.due_at, period_ms = excluded.period_ms, first_due_at = excluded.first_due_at,
                lease_owner = NULL, lease_until = NULL
            """, new { grain.Type, grain.Key, name, dueAt, periodMs = (long)period.TotalMilliseconds });
    }

    public async Task DeleteAsync(GrainId grain, string name)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM grain_reminders WHERE grain_type = @Type AND grain_key = @Key AND name = @name", new { grain.Type, grain.Key, name });
    }

    public async Task<IReadOnlyList<ReminderTick>> ClaimDueAsync(string silo, DateTimeOffset now, TimeSpan lease, int max)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<Row>(
            """
            WITH due AS (
                SELECT grain_type, grain_key, name FROM grain_reminders
                WHERE due_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                ORDER BY due_at LIMIT @max
                FOR UPDATE SKIP LOCKED)
            UPDATE grain_reminders r SET lease_owner = @silo, lease_until = @leaseUntil
            FROM due WHERE r.grain_type = due.grain_type AND r.grain_key = due.grain_key AND r.name = due.name
            RETURNING r.grain_type AS GrainType, r.grain_key AS GrainKey, r.name AS Name, r.due_at AS DueAt, r.period_ms AS PeriodMs, r.first_due_at AS FirstDueAt
            """, new { now, max, silo, leaseUntil = now + lease });
        return rows.Select(r => new ReminderTick(new GrainId(r.GrainType, r.GrainKey), r.Name, Utc(r.DueAt),
            TimeSpan.FromMilliseconds(r.PeriodMs), Utc(r.FirstDueAt))).ToList();
    }

    public async Task CompleteAsync(string silo, ReminderTick tick, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var args = new { tick.Grain.Type, tick.Grain.Key, tick.Name, silo, dueAt = tick.DueAt };
        if (tick.Period <= TimeSpan.Zero)
            await connection.ExecuteAsync(
                """
                DELETE FROM grain_reminders
                WHERE grain_type = @Type AND grain_key = @Key AND name = @Name AND lease_owner = @silo AND due_at = @dueAt
                """, args);
        else
            await connection.ExecuteAsync(
                """
                UPDATE grain_reminders SET due_at = @next, lease_owner = NULL, lease_until = NULL
                WHERE grain_type = @Type AND grain_key = @Key AND name = @Name AND lease_owner = @silo AND due_at = @dueAt
                """, new { tick.Grain.Type, tick.Grain.Key, tick.Name, silo, dueAt = tick.DueAt, next = ReminderSchedule.NextAfter(tick.DueAt, tick.Period, now) });
    }

    public async Task ReleaseAsync(string silo, ReminderTick tick, DateTimeOffset retryAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE grain_reminders SET due_at = @retryAt, lease_owner = NULL, lease_until = NULL
            WHERE grain_type = @Type AND grain_key = @Key AND name = @Name AND lease_owner = @silo AND due_at = @dueAt
            """, new { tick.Grain.Type, tick.Grain.Key, tick.Name, silo, dueAt = tick.DueAt, retryAt });
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
