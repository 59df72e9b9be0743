using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Silo.Reminders;

/// <summary>A reminder tick claimed by this silo. A zero period means the reminder fires once.</summary>
public sealed record ReminderTick(GrainId Grain, string Name, DateTimeOffset DueAt, TimeSpan Period, DateTimeOffset FirstDueAt);

/// <summary>
/// Durable reminders. Due rows are claimed with a lease (in PostgreSQL with <c>FOR UPDATE SKIP
/// LOCKED</c>) so that one silo fires a tick; a tick whose silo died is claimed again when its
/// lease runs out, which makes delivery at-least-once.
/// </summary>
public interface IReminderTable
{
    Task UpsertAsync(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period);

    Task DeleteAsync(GrainId grain, string name);

    Task<IReadOnlyList<ReminderTick>> ClaimDueAsync(string silo, DateTimeOffset now, TimeSpan lease, int max);

    /// <summary>After a delivered tick: a one-shot reminder is removed, a periodic one moves to its next due time after <paramref name="now"/>.
    /// Nothing happens if the grain re-registered the reminder meanwhile.</summary>
    Task CompleteAsync(string silo, ReminderTick tick, DateTimeOffset now);

    /// <summary>After a failed tick: release the lease and try again at <paramref name="retryAt"/>.</summary>
    Task ReleaseAsync(string silo, ReminderTick tick, DateTimeOffset retryAt);
}

public static class ReminderSchedule
{
    /// <summary>The first time after <paramref name="now"/> on the period grid that starts at <paramref name="dueAt"/>.</summary>
    public static DateTimeOffset NextAfter(DateTimeOffset dueAt, TimeSpan period, DateTimeOffset now)
    {
        if (period <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(period));
        if (dueAt > now) return dueAt;
        var periods = (now - dueAt).Ticks / period.Ticks + 1;
        return dueAt + TimeSpan.FromTicks(periods * period.Ticks);
    }
}
