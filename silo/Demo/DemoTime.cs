namespace PatentNav.Market.Silo.Demo;

/// <summary>
/// The demo's market clock: real time shifted back by an offset that the seeding only ever shrinks,
/// ending at zero. History is made the honest way — each report, payment and valuation happens "on" its
/// day through the ordinary API, with the market clock on that day — instead of writing past dates
/// into state. It is the <see cref="Grains.Common.MarketClock"/>'s source only; Orleans keeps the real
/// <see cref="TimeProvider"/> (membership and timers would break on a moved clock).
/// </summary>
public sealed class DemoTime(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks = (start - System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the market to 10:00 Beijing time of <paramref name="day"/> (never backwards, never past real time).</summary>
    public void MoveTo(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), Grains.Common.MarketClock.ChinaOffset);
        var offset = Math.Min(0, (target - System.GetUtcNow()).Ticks);
        if (offset > Interlocked.Read(ref _offsetTicks)) Interlocked.Exchange(ref _offsetTicks, offset);
    }

    /// <summary>Back to real time, for good: from here on the demo market runs on the system clock.</summary>
    public void CatchUp() => Interlocked.Exchange(ref _offsetTicks, 0);
}
