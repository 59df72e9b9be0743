using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Silo.Reminders;

namespace PatentNav.Market.Tests.Domain;

public class ReminderScheduleTests
{
    private static readonly DateTimeOffset Base = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Future_due_time_is_kept()
    {
        var due = Base.AddHours(5);
        Assert.Equal(due, ReminderSchedule.NextAfter(due, TimeSpan.FromHours(1), Base));
    }

    [Fact]
    public void Missed_ticks_are_skipped_to_the_next_grid_point()
    {
        var next = ReminderSchedule.NextAfter(Base, TimeSpan.FromHours(1), Base.AddHours(3).AddMinutes(20));
        Assert.Equal(Base.AddHours(4), next);
    }

    [Fact]
    public void Now_exactly_on_the_grid_moves_a_full_period_on()
    {
        Assert.Equal(Base.AddHours(1), ReminderSchedule.NextAfter(Base, TimeSpan.FromHours(1), Base));
        Assert.Equal(Base.AddHours(3), ReminderSchedule.NextAfter(Base, TimeSpan.FromHours(1), Base.AddHours(2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Non_positive_period_is_refused(long ticks)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderSchedule.NextAfter(Base, TimeSpan.FromTicks(ticks), Base));
    }

    private static readonly Gen<(long PeriodTicks, long DueOffsetTicks)> Inputs =
        from periodSeconds in Gen.Choose(1, 90 * 24 * 3600)
        from periodExtraTicks in Gen.Choose(0, 9_999_999)
        from dueOffsetSeconds in Gen.Choose(-5 * 365 * 24 * 3600, 24 * 3600)
        from dueExtraTicks in Gen.Choose(0, 9_999_999)
        select (periodSeconds * TimeSpan.TicksPerSecond + periodExtraTicks,
                dueOffsetSeconds * TimeSpan.TicksPerSecond + dueExtraTicks);

    [Fact]
    public void Next_tick_is_the_first_grid_point_strictly_after_now()
    {
        var now = Base;
        Prop.ForAll(Inputs.ToArbitrary(), input =>
        {
            var period = TimeSpan.FromTicks(input.PeriodTicks);
            var dueAt = now + TimeSpan.FromTicks(input.DueOffsetTicks);

            var next = ReminderSchedule.NextAfter(dueAt, period, now);

            var offset = (next - dueAt).Ticks;
            var onGrid = offset >= 0 && offset % period.Ticks == 0;
            var first = dueAt > now ? next == dueAt : next <= now + period;
            return next > now && onGrid && first;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Next_tick_is_less_than_a_period_away_when_now_is_between_grid_points()
    {
        var now = Base;
        Prop.ForAll(Inputs.ToArbitrary(), input =>
        {
            var period = TimeSpan.FromTicks(input.PeriodTicks);
            var dueAt = now + TimeSpan.FromTicks(input.DueOffsetTicks);
            if (dueAt > now || (now - dueAt).Ticks % period.Ticks == 0) return true;

            return ReminderSchedule.NextAfter(dueAt, period, now) < now + period;
        }).QuickCheckThrowOnFailure();
    }
}
