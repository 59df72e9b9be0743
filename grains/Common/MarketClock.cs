namespace PatentNav.Market.Grains.Common;

/// <summary>
/// The market's time: what "now" and "today" are for licences, invoices, transfers and loans.
/// The system clock in production; tests move it to walk through quarters and due dates. It is a
/// type of its own rather than the <see cref="TimeProvider"/> in DI because Orleans takes that one
/// for membership and timers: a test clock 90 days ahead there makes a silo think it missed its
/// heartbeats and declare itself dead.
/// <para>
/// The market runs on China Standard Time (Asia/Shanghai): a calendar day — a quarter, a due date, an
/// interest day, an expiry — starts at 00:00 Beijing time, which is 16:00 UTC of the day before.
/// China has kept UTC+08:00 all year since 1991 (no daylight saving), so a fixed offset is exact for
/// every date the market handles and needs no tz database (Debian containers often ship without tzdata).
/// Instants stay UTC <see cref="DateTimeOffset"/>s; only the step from an instant to a date goes through here.
/// </para>
/// </summary>
public sealed class MarketClock(TimeProvider time)
{
    public static readonly MarketClock System = new(TimeProvider.System);

    /// <summary>China Standard Time, UTC+08:00 (Asia/Shanghai, no DST since 1991).</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The underlying time source, for library calls that take a <see cref="TimeProvider"/>.</summary>
    public TimeProvider Time => time;

    public DateTimeOffset GetUtcNow() => time.GetUtcNow();

    /// <summary>Now as Beijing wall-clock time (offset +08:00); the same instant as <see cref="GetUtcNow"/>.</summary>
    public DateTimeOffset Now => GetUtcNow().ToOffset(ChinaOffset);

    /// <summary>Today's date in China: the market's calendar day.</summary>
    public DateOnly Today => DayOf(GetUtcNow());

    /// <summary>The China date on which <paramref name="instant"/> falls.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    /// <summary>The instant <paramref name="day"/> starts in China: 00:00 Beijing time (16:00 UTC the day before).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ChinaOffset);

    /// <summary>The instant <paramref name="day"/> ends in China, i.e. the start of the next day.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    /// <summary>Time from now to the end of <paramref name="day"/> in China; negative once it has passed.</summary>
    public TimeSpan UntilEndOf(DateOnly day) => EndOf(day) - GetUtcNow();
}
