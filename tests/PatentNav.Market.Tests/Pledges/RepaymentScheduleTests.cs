using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class RepaymentScheduleTests
{
    [Fact]
    public void Bullet_pays_monthly_interest_and_all_principal_at_maturity()
    {
        var schedule = RepaymentSchedules.Generate(Cny(1_000_000), 435, 3, RepaymentKind.Bullet, new DateOnly(2026, 1, 1));
        Assert.Equal(
        [
            new Instalment(1, new DateOnly(2026, 2, 1), 0, 374_583),
            new Instalment(2, new DateOnly(2026, 3, 1), 0, 338_333), // 338 333.33: its own period rounded, nothing carried from January
            new Instalment(3, new DateOnly(2026, 4, 1), Cny(1_000_000), 374_583),
        ], schedule);
    }

    [Fact]
    public void Equal_instalments_are_level_under_act_360_and_the_last_absorbs_the_rounding()
    {
        // 1 200 000.00 CNY at 4.35 % over 12 months from 15 Jan 2026. Reference values from an
        // independent exact-fraction computation (Python fractions, each line's interest rounded half-even
        // on its own): the payment solving "balance after 12 = 0" with each month's actual days is
        // 102 395.24 CNY, and here the last instalment comes out level too.
        var schedule = RepaymentSchedules.Generate(Cny(1_200_000), 435, 12, RepaymentKind.EqualInstalments, new DateOnly(2026, 1, 15));
        Assert.Equal(12, schedule.Count);
        Assert.All(schedule, i => Assert.Equal(10_239_524, i.Total));
        Assert.Equal(new Instalment(1, new DateOnly(2026, 2, 15), 9_790_024, 449_500), schedule[0]); // 31 days
        Assert.Equal(new Instalment(2, new DateOnly(2026, 3, 15), 9_866_647, 372_877), schedule[1]); // 28 days
        Assert.Equal(new Instalment(7, new DateOnly(2026, 8, 15), 10_012_351, 227_173), schedule[6]); // 227 173.47: a carry made it 227 174
        Assert.Equal(new Instalment(12, new DateOnly(2027, 1, 15), 10_201_312, 38_212), schedule[11]);
        Assert.Equal(Cny(1_200_000), schedule.Sum(i => i.Principal));
        Assert.Equal(2_874_288, schedule.Sum(i => i.Interest));
    }

    [Fact]
    public void Due_dates_count_from_disbursement_so_month_ends_do_not_drift()
    {
        var schedule = RepaymentSchedules.Generate(Cny(10_000), 435, 3, RepaymentKind.Bullet, new DateOnly(2026, 1, 31));
        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30)], schedule.Select(i => i.Due));
    }

    [Fact]
    public void At_zero_percent_equal_instalments_split_the_principal_and_the_last_takes_the_rest()
    {
        var schedule = RepaymentSchedules.Generate(1_000, 0, 3, RepaymentKind.EqualInstalments, new DateOnly(2026, 1, 1));
        Assert.Equal([333L, 333L, 334L], schedule.Select(i => i.Total));
        Assert.Equal(1_000, Annuity.Payment(12_000, 0, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]));
    }

    [Fact]
    public void A_thirty_year_loan_stays_level_and_an_absurd_rate_never_goes_negative_or_overflows()
    {
        var mortgage = RepaymentSchedules.Generate(Cny(10_000_000), 490, 360, RepaymentKind.EqualInstalments, new DateOnly(2026, 1, 31));
        Assert.Equal(Cny(10_000_000), mortgage.Sum(i => i.Principal));
        Assert.All(mortgage.SkipLast(1), i => Assert.Equal(mortgage[0].Total, i.Total));
        Assert.InRange(mortgage[^1].Total - mortgage[0].Total, -360, 360);

        // At 100 % a year a 31-day month's interest exceeds the level payment: those instalments pay
        // interest only (no negative principal, no capitalised interest) and the last one absorbs it.
        var absurd = RepaymentSchedules.Generate(Cny(30_000_000), 10_000, 360, RepaymentKind.EqualInstalments, new DateOnly(2026, 1, 31));
        Assert.Equal(Cny(30_000_000), absurd.Sum(i => i.Principal));
        Assert.All(absurd, i => Assert.True(i.Principal >= 0 && i.Interest >= 0));
    }

    [Fact]
    public void Over_a_product_the_schedule_uses_its_rate_term_and_kind()
    {
        var schedule = RepaymentSchedules.Generate(Product(RepaymentKind.EqualInstalments), Cny(1_200_000), new DateOnly(2026, 1, 15));
        Assert.Equal(10_239_524, schedule[0].Total);
    }

    [Fact]
    public void Each_line_is_its_own_periods_exact_interest_rounded_half_even()
    {
        // 445 000 000 fen at 435 bps, bullet, from 2 Jan 2030. The 31-day months are 1 666 895.83 → 1 666 896 each; with the
        // fraction carried between months, September and November came out 1 666 895 and October 1 613 126.
        var schedule = RepaymentSchedules.Generate(445_000_000, 435, 12, RepaymentKind.Bullet, new DateOnly(2030, 1, 2));
        var from = new DateOnly(2030, 1, 2);
        foreach (var line in schedule)
        {
            var exact = (Int128)445_000_000 * 435 * (line.Due.DayNumber - from.DayNumber);
            Assert.Equal((long)Rational.RoundHalfEven(exact, (Int128)InterestAccrual.Denominator), line.Interest);
            from = line.Due;
        }
        Assert.Equal(1_666_896, schedule.Single(i => i.Due == new DateOnly(2030, 9, 2)).Interest);
        Assert.Equal(1_613_125, schedule.Single(i => i.Due == new DateOnly(2030, 10, 2)).Interest);
    }

    [Fact]
    public void A_prepayment_rebuilds_the_lines_after_it_on_the_principal_left()
    {
        // 445 000 000 fen bullet from 2 Jan 2030; on 12 Jan the borrower pays the 10 days' interest (537 708.33 → 537 708) and 5 000 000.
        var disbursed = new DateOnly(2030, 1, 2);
        var day = new DateOnly(2030, 1, 12);
        var schedule = RepaymentSchedules.Generate(445_000_000, 435, 12, RepaymentKind.Bullet, disbursed);
        var rebuilt = RepaymentSchedules.Rebuild(schedule, [new Payment(day, 537_708 + 5_000_000)], 440_000_000, 435, RepaymentKind.Bullet, day);

        Assert.Equal(new Instalment(1, day, 5_000_000, 537_708), rebuilt[0]); // what was paid, as a line of its own
        Assert.Equal(new Instalment(2, new DateOnly(2030, 2, 2), 0, 1_116_500), rebuilt[1]); // 21 days on 440 000 000 = 1 116 500 exactly
        Assert.Equal(1_488_667, rebuilt[2].Interest); // 2 Feb → 2 Mar, 28 days on 440 000 000: 1 488 666.67
        Assert.Equal(13, rebuilt.Count);
        Assert.Equal(new Instalment(13, new DateOnly(2031, 1, 2), 440_000_000, 1_648_167), rebuilt[^1]); // same maturity, 31 days
        Assert.Equal(445_000_000, rebuilt.Sum(i => i.Principal));
        Assert.Equal([.. Enumerable.Range(1, 13)], rebuilt.Select(i => i.Number));
        // Paid in full on 12 Jan: the line of what was paid is the last one.
        var repaid = RepaymentSchedules.Rebuild(schedule, [new Payment(day, 537_708 + 445_000_000)], 0, 435, RepaymentKind.Bullet, day);
        Assert.Equal([new Instalment(1, day, 445_000_000, 537_708)], repaid);
    }

    [Fact]
    public void A_payment_on_schedule_or_one_that_only_catches_up_arrears_leaves_the_schedule_as_it_is()
    {
        var disbursed = new DateOnly(2026, 1, 15);
        var schedule = RepaymentSchedules.Generate(Cny(1_200_000), 435, 12, RepaymentKind.EqualInstalments, disbursed);
        var onTime = RepaymentSchedules.Rebuild(schedule, [new Payment(schedule[0].Due, schedule[0].Total)],
            Cny(1_200_000) - schedule[0].Principal, 435, RepaymentKind.EqualInstalments, schedule[0].Due);
        Assert.Same(schedule, onTime);
        var late = RepaymentSchedules.Rebuild(schedule, [new Payment(schedule[1].Due, 500_000)],
            Cny(1_200_000) - 50_000, 435, RepaymentKind.EqualInstalments, schedule[1].Due);
        Assert.Same(schedule, late);
    }

    [Fact]
    public void Equal_instalments_keep_their_term_and_shrink_after_a_prepayment()
    {
        var disbursed = new DateOnly(2026, 1, 15);
        var schedule = RepaymentSchedules.Generate(Cny(1_200_000), 435, 12, RepaymentKind.EqualInstalments, disbursed);
        var first = schedule[0];
        var left = Cny(1_200_000) - first.Principal - Cny(100_000);
        var rebuilt = RepaymentSchedules.Rebuild(schedule, [new Payment(first.Due, first.Total + Cny(100_000))], left, 435, RepaymentKind.EqualInstalments, first.Due);

        Assert.Equal(first, rebuilt[0]);
        Assert.Equal(new Instalment(2, first.Due, Cny(100_000), 0), rebuilt[1]);
        Assert.Equal(schedule[^1].Due, rebuilt[^1].Due);
        Assert.Equal(13, rebuilt.Count);
        Assert.All(rebuilt.Skip(2).SkipLast(1), i => Assert.Equal(rebuilt[2].Total, i.Total));
        Assert.True(rebuilt[2].Total < first.Total);
        Assert.Equal(Cny(1_200_000), rebuilt.Sum(i => i.Principal));
    }
}
