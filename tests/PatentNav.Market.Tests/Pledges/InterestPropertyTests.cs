using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

/// <summary>FsCheck properties of accrual, posting and repayment (§8).</summary>
public class InterestPropertyTests
{
    [Fact]
    public void Interest_never_falls_as_days_grow()
    {
        var gen = from principal in Amount from bps in RateBps from d1 in Gen.Choose(0, 400) from extra in Gen.Choose(0, 400)
                  select (principal, bps, d1, d2: d1 + extra);
        Prop.ForAll(gen.ToArbitrary(), g =>
        {
            InterestAccrual Upto(int days) => InterestAccrual.None.Accrue(g.principal, g.bps, Today, Today.AddDays(days));
            var (shorter, longer) = (Upto(g.d1), Upto(g.d2));
            return shorter.Exact <= longer.Exact && shorter.Post().Amount <= longer.Post().Amount;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_post_is_its_periods_exact_interest_rounded_half_even_and_the_total_drifts_at_most_half_a_unit_per_post()
    {
        var gen = from bps in RateBps from periods in Periods select (bps, periods);
        Check.One(Runs(300), Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var (posts, accrual) = AccrueAndPost(g.bps, g.periods);
            Int128 d = InterestAccrual.Denominator;
            var exacts = g.periods.Select(p => (Int128)p.Principal * g.bps * p.Days).ToList();
            var perLine = exacts.Select((e, i) => posts[i] == (long)Rational.RoundHalfEven(e, d)).All(x => x);
            var drift = (Int128)posts.Sum() * d - exacts.Aggregate(Int128.Zero, (a, e) => a + e);
            return perLine && posts.All(p => p >= 0) && Int128.Abs(drift) * 2 <= posts.Count * d && accrual.Unposted == 0;
        }));
    }

    [Fact]
    public void No_repayment_drives_principal_below_zero_and_interest_is_always_paid_first()
    {
        var gen = from principal in Amount from bps in RateBps from days in Gen.Choose(0, 400)
                  from payments in Amount.ListOf().Select(l => l.Take(8).ToList()) select (principal, bps, days, payments);
        Check.One(Runs(300), Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var balance = LoanBalance.Disbursed(g.principal).Accrue(g.bps, Today, Today.AddDays(g.days));
            foreach (var amount in g.payments)
            {
                var payoff = balance.Payoff;
                LoanBalance after;
                try
                {
                    var split = Repayments.Apply(balance, amount, "CNY");
                    if (split.Interest + split.Principal != amount || (split.Principal > 0 && split.After.InterestDue != 0)) return false;
                    after = split.After;
                }
                catch (DomainException e) when (e.Code == "overpayment") { if (amount <= payoff) return false; continue; }
                if (amount > payoff || after.Principal < 0 || after.InterestDue < 0 || after.Payoff != payoff - amount) return false;
                balance = after;
            }
            return true;
        }));
    }
}
