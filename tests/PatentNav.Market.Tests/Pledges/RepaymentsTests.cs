using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class RepaymentsTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);
    private static readonly LoanBalance AfterJanuary = LoanBalance.Disbursed(Cny(1_000_000)).Accrue(435, Jan1, Jan1.AddDays(31));

    [Fact]
    public void A_repayment_posts_the_accrual_then_pays_interest_first_then_principal()
    {
        var split = Repayments.Apply(AfterJanuary, Cny(10_000), "CNY");
        Assert.Equal((374_583, 625_417), (split.Interest, split.Principal));
        // The post settles its own ⅓ fen (§2, per line): nothing is left unposted.
        Assert.Equal(new LoanBalance(Cny(1_000_000) - 625_417, 0, new InterestAccrual((Int128)374_583 * InterestAccrual.Denominator, 374_583)), split.After);
    }

    [Fact]
    public void A_repayment_smaller_than_the_interest_leaves_principal_untouched()
    {
        var split = Repayments.Apply(AfterJanuary.PostInterest() with { InterestDue = 400_000 }, 300_000, "CNY");
        Assert.Equal((300_000, 0L, 100_000L, Cny(1_000_000)), (split.Interest, split.Principal, split.After.InterestDue, split.After.Principal));
    }

    [Fact]
    public void The_exact_payoff_settles_the_loan_and_one_fen_more_is_refused_naming_the_payoff()
    {
        var payoff = AfterJanuary.Payoff;
        Assert.Equal(Cny(1_000_000) + 374_583, payoff);
        var settled = Repayments.Apply(AfterJanuary, payoff, "CNY").After;
        Assert.Equal((0L, 0L), (settled.Principal, settled.InterestDue));
        var error = Refusal(() => Repayments.Apply(AfterJanuary, payoff + 1, "CNY"));
        Assert.Equal((ErrorKind.Unprocessable, "overpayment", "amount.amount"), (error.Kind, error.Code, error.Field));
        Assert.Contains("1003745.83 CNY", error.Message);
        Assert.Equal("invalid_amount", Refusal(() => Repayments.Apply(AfterJanuary, 0, "CNY")).Code);
    }
}
