using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class OverdueTests
{
    // Bullet, 1 000 000.00 CNY from 1 Jan 2026: 374 583 on 1 Feb, 338 333 on 1 Mar, 100 374 583 on 1 Apr.
    private static readonly IReadOnlyList<Instalment> Schedule =
        RepaymentSchedules.Generate(Cny(1_000_000), 435, 3, RepaymentKind.Bullet, new DateOnly(2026, 1, 1));
    private static readonly Payment February = new(new DateOnly(2026, 2, 1), 374_583);
    private static readonly DateOnly March1 = new(2026, 3, 1);

    [Fact]
    public void An_instalment_is_due_on_its_date_overdue_the_day_after_and_a_default_after_grace()
    {
        Assert.False(Overdue.IsOverdue(Schedule, [February], March1));
        Assert.Equal(2, Overdue.FirstOverdue(Schedule, [February], March1.AddDays(1))?.Number);
        Assert.False(Overdue.IsInDefault(Schedule, [February], March1.AddDays(10), graceDays: 10));
        Assert.True(Overdue.IsInDefault(Schedule, [February], March1.AddDays(11), graceDays: 10));
    }

    [Fact]
    public void Payments_fill_instalments_in_order_and_only_count_once_made()
    {
        Payment lateMarch = new(March1.AddDays(10), 338_333);
        Assert.False(Overdue.IsInDefault(Schedule, [February, lateMarch], March1.AddDays(11), 10));
        Assert.True(Overdue.IsInDefault(Schedule, [February, lateMarch with { On = March1.AddDays(12) }], March1.AddDays(11), 10));
        Assert.True(Overdue.IsOverdue(Schedule, [February, lateMarch with { Amount = 338_332 }], March1.AddDays(11)));
        Assert.Equal(1, Overdue.FirstOverdue(Schedule, [], new DateOnly(2026, 2, 2))?.Number);
    }

    [Fact]
    public void A_fully_paid_schedule_is_never_overdue()
    {
        Payment all = new(new DateOnly(2026, 4, 1), Schedule.Sum(i => i.Total) - 374_583);
        Assert.Null(Overdue.FirstUnpaid(Schedule, [February, all], new DateOnly(2030, 1, 1)));
    }
}
