using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

/// <summary>
/// The AVC-style card of §5, priced by hand. Card (USD, amounts in cents):
/// units 1..100 000 free; 100 001..5 000 000 at 0.20 USD; above 5 000 000 at 0.10 USD;
/// annual cap 9 750 000 USD = 975 000 000 ¢ per licensee per licence year.
/// </summary>
public class AvcWorkedExampleTests
{
    private static readonly RateCard Card = PoolFixtures.Avc();

    private static UnitReport Decoders(long units) => new("decoder", "US", units, Compliant: false);

    [Fact]
    public void Reports_through_one_licence_year_cross_both_boundaries_then_the_cap()
    {
        var year = LicenceYearPosition.Empty;

        // Q1: units 1..60 000, all in the free tier → 0.
        var q1 = RoyaltyCalculator.Charge(Card, year, Decoders(60_000));
        Assert.Equal(new Money(0, "USD"), q1.Amount);

        // Q2: units 60 001..1 060 000 cross the first boundary:
        //   60 001..100 000 free (40 000 units); 100 001..1 060 000 = 960 000 × 20 ¢ = 19 200 000 ¢ (192 000 USD).
        var q2 = RoyaltyCalculator.Charge(Card, q1.After, Decoders(1_000_000));
        Assert.Equal(new Money(19_200_000, "USD"), q2.Amount);
        Assert.Equal((60_000, 1_060_000), (q2.UnitsBefore, q2.UnitsAfter));

        // Q3: units 1 060 001..11 060 000 cross the second boundary:
        //   1 060 001..5 000 000 = 3 940 000 × 20 ¢ = 78 800 000 ¢
        //   5 000 001..11 060 000 = 6 060 000 × 10 ¢ = 60 600 000 ¢  → 139 400 000 ¢ (1 394 000 USD).
        //   Year to date: 158 600 000 ¢ (1 586 000 USD).
        var q3 = RoyaltyCalculator.Charge(Card, q2.After, Decoders(10_000_000));
        Assert.Equal(139_400_000, q3.Amount.Amount);
        Assert.Equal(158_600_000, q3.After.Charged);

        // Q4: 90 000 000 units × 10 ¢ = 900 000 000 ¢ uncapped → year 1 058 600 000 ¢ > cap 975 000 000 ¢.
        //   Charge = cap − charged so far = 975 000 000 − 158 600 000 = 816 400 000 ¢ (8 164 000 USD).
        var q4 = RoyaltyCalculator.Charge(Card, q3.After, Decoders(90_000_000));
        Assert.Equal(816_400_000, q4.Amount.Amount);
        Assert.Equal(ExactAmount.FromMinorUnits(900_000_000), q4.Uncapped);

        // A late report for the same licence year: the cap is reached, so 0.
        var late = RoyaltyCalculator.Charge(Card, q4.After, Decoders(2_000_000));
        Assert.Equal(0, late.Amount.Amount);
        Assert.Equal(975_000_000, late.After.Charged);
        Assert.Equal(103_060_000, late.After.UnitsIn("decoder"));

        // One report of all 103 060 000 units costs exactly the same as the five reports together.
        Assert.Equal(975_000_000, RoyaltyCalculator.Quote(Card, "decoder", "US", 103_060_000, false).Amount);
    }

    [Fact]
    public void Below_the_cap_the_sum_of_reports_equals_one_report_of_the_total()
    {
        // 11 060 000 units at once: 4 900 000 × 20 ¢ + 6 060 000 × 10 ¢ = 98 000 000 + 60 600 000 = 158 600 000 ¢.
        Assert.Equal(158_600_000, RoyaltyCalculator.Quote(Card, "decoder", "US", 11_060_000, false).Amount);
        var (charges, _) = PoolFixtures.Run(Card, [Decoders(60_000), Decoders(1_000_000), Decoders(10_000_000)]);
        Assert.Equal(158_600_000, charges.Sum());
    }

    [Fact]
    public void A_new_licence_year_starts_counting_from_unit_one_again()
    {
        var (_, lastYear) = PoolFixtures.Run(Card, [Decoders(103_060_000)]);
        Assert.Equal(975_000_000, lastYear.Charged);

        var firstReport = RoyaltyCalculator.Charge(Card, LicenceYearPosition.Empty, Decoders(150_000));
        Assert.Equal(50_000 * 20, firstReport.Amount.Amount); // 100 000 free, 50 000 × 20 ¢ = 1 000 000 ¢
    }

    [Fact]
    public void The_exact_cap_boundary_is_charged_once()
    {
        // The cap is reached exactly at 5 000 000 + 87 700 000 units: 98 000 000 ¢ + 877 000 000 ¢ = 975 000 000 ¢.
        Assert.Equal(975_000_000, RoyaltyCalculator.Quote(Card, "decoder", "US", 92_700_000, false).Amount);
        Assert.Equal(974_999_990, RoyaltyCalculator.Quote(Card, "decoder", "US", 92_699_999, false).Amount);
        var (charges, _) = PoolFixtures.Run(Card, [Decoders(92_699_999), Decoders(1), Decoders(1)]);
        Assert.Equal([974_999_990, 10, 0], charges);
    }
}
