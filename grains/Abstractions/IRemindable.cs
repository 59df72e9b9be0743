namespace PatentNav.Market.Grains.Abstractions;

/// <summary>
/// A grain that receives durable reminder ticks (Orleans: <c>IRemindable</c>). Ticks are
/// delivered at least once, so handlers must be idempotent.
/// </summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
