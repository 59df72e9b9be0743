using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class RenewalTests
{
    private static readonly DateOnly Disbursed = new(2025, 3, 1);
    private static readonly DateOnly Maturity = Disbursed.AddMonths(12);
    private static readonly IReadOnlyList<Instalment> Schedule =
        RepaymentSchedules.Generate(Cny(400_000), 435, 12, RepaymentKind.Bullet, Disbursed);
    private static readonly List<Payment> OnTime = Schedule.Take(11).Select(i => new Payment(i.Due, i.Total)).ToList();
    private static readonly LoanBalance Balance = LoanBalance.Disbursed(Cny(400_000));
    private static readonly DateOnly Day = Maturity.AddDays(-5);

    private static DateOnly Renew(IReadOnlyList<CollateralItem> collateral, List<Payment>? payments = null) =>
        Renewal.Check(Product(), Balance, collateral, Schedule, payments ?? OnTime, Maturity, Maturity.AddMonths(12), Day);

    [Fact]
    public void A_current_loan_on_a_fresh_valuation_within_the_cap_is_renewed()
    {
        Assert.Equal(Maturity.AddMonths(12), Renew([Patent(PatentType.Invention, Cny(800_000), Day.AddMonths(-1))]));
    }

    [Fact]
    public void Arrears_stale_valuations_and_a_failed_ltv_each_refuse_renewal()
    {
        var fresh = Patent(PatentType.Invention, Cny(800_000), Day.AddMonths(-1));
        Assert.Equal("overdue", Refusal(() => Renew([fresh], OnTime.Take(10).ToList())).Code);
        var stale = Refusal(() => Renew([fresh with { EffectiveDate = Disbursed.AddMonths(-1) }]));
        Assert.Equal(("stale_valuation", "patents[0]"), (stale.Code, stale.Field));
        var ltv = Refusal(() => Renew([fresh with { Value = new Money(Cny(799_999), "CNY") }])); // cap 399 999.50 < 400 000
        Assert.Equal(("ltv_exceeded", ErrorKind.Unprocessable), (ltv.Code, ltv.Kind));
        var earlier = Refusal(() => Renewal.Check(Product(), Balance, [fresh], Schedule, OnTime, Maturity, Maturity, Day));
        Assert.Equal(("invalid_maturity", "newMaturity"), (earlier.Code, earlier.Field));
    }
}
