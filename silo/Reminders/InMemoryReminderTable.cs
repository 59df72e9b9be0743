using PatentNav.Market.Silo.Runtime;

namespace PatentNav.Market.Silo.Reminders;

/// <summary>Reminders for the embedded default: one process, not durable.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private sealed record Row(DateTimeOffset DueAt, TimeSpan Period, DateTimeOffset FirstDueAt, string? LeaseOwner, DateTimeOffset LeaseUntil);

    private readonly object _gate = new();
    private readonly Dictionary<(GrainId, string), Row> _rows = [];

    public Task UpsertAsync(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period)
    {
        lock (_gate) _rows[(grain, name)] = new Row(dueAt, period, dueAt, null, DateTimeOffset.MinValue);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(GrainId grain, string name)
    {
        lock (_gate) _rows.Remove((grain, name));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderTick>> ClaimDueAsync(string silo, DateTimeOffset now, TimeSpan lease, int max)
    {
        lock (_gate)
        {
            var due = _rows.Where(r => r.Value.DueAt <= now && r.Value.LeaseUntil < now).OrderBy(r => r.Value.DueAt).Take(max).ToList();
            foreach (var (key, row) in due) _rows[key] = row with { LeaseOwner = silo, LeaseUntil = now + lease };
            return Task.FromResult<IReadOnlyList<ReminderTick>>(
                due.Select(r => new ReminderTick(r.Key.Item1, r.Key.Item2, r.Value.DueAt, r.Value.Period, r.Value.FirstDueAt)).ToList());
        }
    }

    public Task CompleteAsync(string silo, ReminderTick tick, DateTimeOffset now)
    {
        lock (_gate)
        {
            var key = (tick.Grain, tick.Name);
            if (!_rows.TryGetValue(key, out var row) || row.LeaseOwner != silo || row.DueAt != tick.DueAt) return Task.CompletedTask;
            if (tick.Period <= TimeSpan.Zero) _rows.Remove(key);
            else _rows[key] = row with { DueAt = ReminderSchedule.NextAfter(row.DueAt, row.Period, now), LeaseOwner = null, LeaseUntil = DateTimeOffset.MinValue };
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string silo, ReminderTick tick, DateTimeOffset retryAt)
    {
        lock (_gate)
        {
            var key = (tick.Grain, tick.Name);
            if (_rows.TryGetValue(key, out var row) && row.LeaseOwner == silo && row.DueAt == tick.DueAt)
                _rows[key] = row with { DueAt = retryAt, LeaseOwner = null, LeaseUntil = DateTimeOffset.MinValue };
        }
        return Task.CompletedTask;
    }
}
