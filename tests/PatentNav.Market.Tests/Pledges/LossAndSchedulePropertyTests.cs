using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

/// <summary>FsCheck properties of loss sharing and repayment schedules (§8).</summary>
public class LossAndSchedulePropertyTests
{
    [Fact]
    public void Loss_shares_are_non_negative_and_sum_exactly_to_the_loss()
    {
        var gen =
            from tiers in Gen.Choose(0, 10_000).ArrayOf(3)
            from guarantor in Gen.Choose(0, 10_000 - tiers.Max())
            from principal in Amount
            from outstanding in Amount
            from recoveries in Gen.Frequency((1, Gen.Constant(0L)), (3, Amount))
            from remaining in Gen.Frequency((1, Gen.Constant<long?>(null)), (2, Amount.Select(a => (long?)(a / 7))))
            from losses in Gen.Choose(0, 600)
            select (agreement: new RiskSharingAgreement("CNY",
                    [new(Cny(5_000_000), tiers[0]), new(Cny(15_000_000), tiers[1]), new(Cny(30_000_000), tiers[2])], GuarantorShareBps: guarantor),
                principal, outstanding, recoveries, remaining, bank: new BankLossRecord(losses, 10_000)); // stop-loss above 300 / 10 000
        Check.One(Runs(500), Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var s = LossSharing.Split(RiskSharingRules.Validate(g.agreement), g.principal, g.outstanding, g.recoveries, g.remaining, g.bank);
            return s.Loss == Math.Max(0, g.outstanding - g.recoveries) && s.Fund + s.Guarantor + s.Bank == s.Loss
                   && s.Fund >= 0 && s.Guarantor >= 0 && s.Bank >= 0
                   && (g.remaining is not { } r || s.Fund <= r) && (g.bank.BadLoanLosses <= 300 || s.Fund == 0);
        }));
    }

    [Fact]
    public void Schedules_repay_the_principal_exactly_and_equal_instalments_stay_level()
    {
        // The level payment's rounding (≤ ½ fen) compounds with the loan's growth (≤ 3.4× at 24 % over 5 years),
        // so the last instalment stays within a few fen per month of the others. Loans from 1 000 CNY: below
        // that, ½ fen is no longer small beside the payment and a loan can be repaid early.
        var gen = from principal in Amount.Select(a => a + Cny(1_000)) from bps in Gen.Choose(0, 2_400) from months in Gen.Choose(1, 60)
                  from kind in Gen.Elements(RepaymentKind.Bullet, RepaymentKind.EqualInstalments) select (principal, bps, months, kind);
        Check.One(Runs(200), Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var schedule = RepaymentSchedules.Generate(g.principal, g.bps, g.months, g.kind, new DateOnly(2026, 1, 31));
            var level = schedule[0].Total;
            return schedule.Sum(i => i.Principal) == g.principal && schedule.All(i => i.Principal >= 0 && i.Interest >= 0)
                   && (g.kind == RepaymentKind.Bullet
                       ? schedule.SkipLast(1).All(i => i.Principal == 0)
                       : schedule.SkipLast(1).All(i => i.Total == level)
                         && Math.Abs(schedule[^1].Total - level) <= 6 * g.months);
        }));
    }
}
