namespace PatentNav.Market.Tests.Ledger;

/// <summary>
/// The silo clock of the ledger model test. Unlike <c>TestClock</c> it may go back: every sequence of a batch
/// sets its pool world up in 2029 and then operates in 2031 on the same host.
/// </summary>
internal sealed class LedgerClock : TimeProvider
{
    private long _ticks = At(LedgerWorld.SetupDay).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>09:00 UTC of <paramref name="day"/>.</summary>
    public void Set(DateOnly day) => Interlocked.Exchange(ref _ticks, At(day).UtcTicks);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
}
