namespace PatentNav.Market.Grains.Common;

/// <summary>
/// The market's time: what "now" and "today" are for licences, invoices, transfers and loans.
/// The system clock in production; tests move it to walk through quarters and due dates. It is a
/// type of its own rather than the <see cref="TimeProvider"/> in DI because Orleans takes that one
/// for membership and timers: a test clock 90 days ahead there makes a silo think it missed its
/// heartbeats and declare itself dead.
/// </summary>
public sealed class MarketClock(TimeProvider time)
{
    public static readonly MarketClock System = new(TimeProvider.System);

    /// <summary>The underlying time source, for library calls that take a <see cref="TimeProvider"/>.</summary>
    public TimeProvider Time => time;

    public DateTimeOffset GetUtcNow() => time.GetUtcNow();
}
