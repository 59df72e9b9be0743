using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.Tests.Pledges;

/// <summary>Amounts are 64-bit minor units: a loan whose worst-case interest would not fit is refused by the rule, never an overflow.</summary>
public class RepresentableLoanTests
{
    private static readonly DateOnly Disbursed = new(2030, 1, 31);

    [Fact]
    public void Four_quintillion_fen_at_20_percent_for_30_years_is_refused_as_principal_too_large()
    {
        var ex = Assert.Throws<DomainException>(() => RepaymentSchedules.Generate(4_000_000_000_000_000_000, 2_000, 360, RepaymentKind.Bullet, Disbursed));
        Assert.Equal(("principal_too_large", "principal.amount", ErrorKind.Unprocessable), (ex.Code, ex.Field, ex.Kind));
    }

    [Theory]
    [InlineData(10_000, 360, RepaymentKind.Bullet)]
    [InlineData(10_000, 360, RepaymentKind.EqualInstalments)]
    [InlineData(2_000, 360, RepaymentKind.Bullet)]
    [InlineData(435, 12, RepaymentKind.Bullet)]
    [InlineData(1, 1, RepaymentKind.EqualInstalments)]
    public void The_largest_accepted_principal_runs_its_term_and_a_year_of_arrears_without_overflow(int rateBps, int months, RepaymentKind kind)
    {
        var max = LargestAccepted(rateBps, months);
        Assert.Throws<DomainException>(() => RepaymentSchedules.RequireRepresentable(max + 1, rateBps, months));
        var schedule = RepaymentSchedules.Generate(max, rateBps, months, kind, Disbursed);
        Assert.Equal(max, schedule.Sum(i => i.Principal));
        _ = schedule.Sum(i => i.Total);
        // Nothing repaid: the whole term plus a year of arrears accrues and posts on the full principal.
        var balance = LoanBalance.Disbursed(max).Accrue(rateBps, Disbursed, schedule[^1].Due.AddDays(RepaymentSchedules.ArrearsHeadroomDays)).PostInterest();
        Assert.True(balance.Payoff >= max);
    }

    private static long LargestAccepted(int rateBps, int months)
    {
        long low = 1, high = long.MaxValue;
        while (low < high)
        {
            var mid = low + (high - low + 1) / 2;
            try { RepaymentSchedules.RequireRepresentable(mid, rateBps, months); low = mid; }
            catch (DomainException) { high = mid - 1; }
        }
        return low;
    }
}
