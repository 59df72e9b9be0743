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
            new Instalment(2, new DateOnly(2026, 3, 1), 0, 338_334),
            new Instalment(3, new DateOnly(2026, 4, 1), Cny(1_000_000), 374_583),
        ], schedule);
    }

    [Fact]
    public void Equal_instalments_are_level_under_act_360_and_the_last_absorbs_the_rounding()
    {
        // 1 200 000.00 CNY at 4.35 % over 12 months from 15 Jan 2026. Reference values from an
        // independent exact-fraction computation: the payment solving "balance after 12 = 0" with each
        // month's actual days is 102 395.24 CNY; the last instalment is one fen more.
        var schedule = RepaymentSchedules.Generate(Cny(1_200_000), 435, 12, RepaymentKind.EqualInstalments, new DateOnly(2026, 1, 15));
        Assert.Equal(12, schedule.Count);
        Assert.All(schedule.Take(11), i => Assert.Equal(10_239_524, i.Total));
        Assert.Equal(new Instalment(1, new DateOnly(2026, 2, 15), 9_790_024, 449_500), schedule[0]); // 31 days
        Assert.Equal(new Instalment(2, new DateOnly(2026, 3, 15), 9_866_647, 372_877), schedule[1]); // 28 days
        Assert.Equal(new Instalment(12, new DateOnly(2027, 1, 15), 10_201_312, 38_213), schedule[11]);
        Assert.Equal(10_239_525, schedule[11].Total);
        Assert.Equal(Cny(1_200_000), schedule.Sum(i => i.Principal));
        Assert.Equal(2_874_289, schedule.Sum(i => i.Interest));
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
}
