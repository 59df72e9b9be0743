using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class MarginCheckTests
{
    // Invention cap 50 % + buffer 10 %: a call is due once LTV exceeds 60 %.
    private static readonly LoanBalance Loan = LoanBalance.Disbursed(Cny(500_000));

    private static MarginStatus Valued(long fen, LoanBalance? balance = null) =>
        MarginCheck.Evaluate(Product(), balance ?? Loan, [Patent(PatentType.Invention, fen)], Today);

    [Fact]
    public void At_origination_coverage_is_two_and_ltv_fifty_percent_with_no_call()
    {
        var status = Valued(Cny(1_000_000));
        Assert.Equal((20_000L, 5_000L), (status.Coverage.FloorBps!.Value, status.LoanToValue.FloorBps!.Value));
        Assert.False(status.CallNeeded);
        Assert.Null(status.CureBy);
    }

    [Fact]
    public void A_revaluation_past_cap_plus_buffer_calls_for_margin_with_a_cure_deadline()
    {
        var status = Valued(Cny(800_000)); // LTV 62.5 %
        Assert.True(status.CallNeeded);
        Assert.Equal(Today.AddDays(30), status.CureBy);
    }

    [Fact]
    public void The_threshold_is_compared_exactly_to_the_fen()
    {
        Assert.True(Valued(83_333_333).CallNeeded);  // 500 000 / 833 333.33 = 60.000000 2 %
        Assert.False(Valued(83_333_334).CallNeeded); // 500 000 / 833 333.34 = 59.999999 5 %
        Assert.False(Valued(Cny(833_334)).CallNeeded);
    }

    [Fact]
    public void Accrued_interest_counts_towards_the_exposure()
    {
        var value = Cny(833_400); // 500 000 / 833 400 = 59.995 %: fine on principal alone
        var accrued = Loan.Accrue(435, Today, Today.AddDays(31)); // + 1 872.92 CNY unposted → 60.22 %
        Assert.False(Valued(value).CallNeeded);
        Assert.True(Valued(value, accrued).CallNeeded);
        Assert.True(Valued(value, accrued.PostInterest()).CallNeeded);
    }

    [Fact]
    public void A_repaid_loan_has_unbounded_coverage_and_never_calls()
    {
        var status = Valued(0, LoanBalance.Disbursed(0));
        Assert.True(status.Coverage.IsUnbounded);
        Assert.False(status.CallNeeded);
        Assert.True(Valued(0).CallNeeded); // collateral worth nothing behind a live loan
    }
}
