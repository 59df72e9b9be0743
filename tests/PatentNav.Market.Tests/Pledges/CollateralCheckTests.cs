using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class CollateralCheckTests
{
    // An invention valued 1 000 000.00 CNY lends 50 %, a utility model valued 500 000.00 lends 30 %:
    // the mixed cap is Σ cap_i × value_i = 500 000.00 + 150 000.00 = 650 000.00 CNY.
    private static readonly List<CollateralItem> Mixed =
        [Patent(PatentType.Invention, Cny(1_000_000)), Patent(PatentType.UtilityModel, Cny(500_000))];

    [Fact]
    public void A_mixed_collateral_lends_the_sum_of_each_patents_cap_times_its_value()
    {
        Assert.Equal(Cny(650_000), LoanToValue.MaxPrincipal(LtvCaps.Default, Mixed));
        Assert.Equal(Cny(650_000), CollateralCheck.Approve(Product(), Cny(650_000), Mixed, Today));
    }

    [Fact]
    public void One_fen_above_the_cap_is_refused_with_the_maximum_principal_in_the_message()
    {
        var error = Refusal(() => CollateralCheck.Approve(Product(), Cny(650_000) + 1, Mixed, Today));
        Assert.Equal((ErrorKind.Unprocessable, "ltv_exceeded", "principal"), (error.Kind, error.Code, error.Field));
        Assert.Contains("650000.00 CNY", error.Message);
        Assert.Contains("65000000 minor units", error.Message);
    }

    [Fact]
    public void The_maximum_floors_a_fractional_cap_so_the_loan_never_exceeds_it()
    {
        // A design valued 0.07 CNY lends 20 % = 1.4 fen: at most 1 fen.
        Assert.Equal(1, LoanToValue.MaxPrincipal(LtvCaps.Default, [Patent(PatentType.Design, 7)]));
    }

    [Fact]
    public void A_valuation_older_than_12_months_is_stale_and_names_the_patent()
    {
        List<CollateralItem> collateral = [Patent(PatentType.Invention, Cny(1_000_000), Today.AddMonths(-12)),
                                           Patent(PatentType.Design, Cny(100_000), Today.AddMonths(-12).AddDays(-1))];
        var error = Refusal(() => CollateralCheck.Approve(Product(), Cny(10_000), collateral, Today));
        Assert.Equal((ErrorKind.Unprocessable, "stale_valuation", "patents[1]"), (error.Kind, error.Code, error.Field));
        Assert.Equal(Cny(500_000), CollateralCheck.Approve(Product(), Cny(10_000), [collateral[0]], Today)); // exactly 12 months: fresh
    }

    [Fact]
    public void Staleness_is_checked_before_the_ltv_and_other_collateral_problems_are_refused()
    {
        var stale = Refusal(() => CollateralCheck.Approve(Product(), Cny(9_999_999), [Patent(PatentType.Invention, 100, Today.AddYears(-2))], Today));
        Assert.Equal("stale_valuation", stale.Code);
        Assert.Equal("valuation_not_yet_effective",
            Refusal(() => CollateralCheck.Approve(Product(), 1, [Patent(PatentType.Invention, 100, Today.AddDays(1))], Today)).Code);
        Assert.Equal("no_collateral", Refusal(() => CollateralCheck.Approve(Product(), 1, [], Today)).Code);
        var usd = Patent(PatentType.Invention, 100) with { Value = new Money(100, "USD") };
        var mismatch = Refusal(() => CollateralCheck.Approve(Product(), 1, [usd], Today));
        Assert.Equal(("currency_mismatch", "patents[0]"), (mismatch.Code, mismatch.Field));
        var zero = Refusal(() => CollateralCheck.Approve(Product(), 0, Mixed, Today));
        Assert.Equal(("invalid_amount", "principal.amount"), (zero.Code, zero.Field));
    }
}
