using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class RoyaltyCalculatorTests
{
    [Fact]
    public void Fractional_rates_region_and_compliance_stay_exact_until_posted()
    {
        // 1.2345 fen per unit; emerging markets at 5 000 bps; 10 % off for compliant licensees.
        var card = PoolFixtures.Flat(PerUnitRate.FromMinorUnits(1.2345m)) with
        {
            RegionMultipliers = [new RegionMultiplier("EM", 5_000)],
            ComplianceDiscountBps = 1_000,
        };
        // 3 × 1.2345 × 0.5 × 0.9 = 1.666575 fen → posted year to date 2.
        // + 1 × 1.2345 (CN, not compliant) = 2.901075 → 3, charge 1.
        // + 10 × 1.2345 × 0.9 (CN, compliant) = 11.1105 → 14.011575 → 14, charge 11.
        var (charges, position) = PoolFixtures.Run(card,
            [new("A", "EM", 3, true), new("A", "CN", 1, false), new("A", "CN", 10, true)]);

        Assert.Equal([2, 1, 11], charges);
        Assert.Equal(14_011_575_000_000, (long)position.AccruedIn("A")); // 14.011575 fen in 10⁻¹² fen
    }

    [Fact]
    public void Posting_rounds_the_year_to_date_half_even_so_rounding_never_accumulates()
    {
        var card = PoolFixtures.Flat(PerUnitRate.FromMinorUnits(0.5m)); // half a fen per unit
        var oneAtATime = Enumerable.Repeat(new UnitReport("A", "CN", 1, false), 6);

        // Year to date 0.5 → 0, 1.0 → 1, 1.5 → 2, 2.0 → 2, 2.5 → 2, 3.0 → 3.
        Assert.Equal([0, 1, 1, 0, 0, 1], PoolFixtures.Run(card, oneAtATime).Charges);
        Assert.Equal(0, RoyaltyCalculator.Quote(card, "A", "CN", 1, false).Amount);
        Assert.Equal(2, RoyaltyCalculator.Quote(card, "A", "CN", 3, false).Amount);
        Assert.Equal(2, RoyaltyCalculator.Quote(card, "A", "CN", 5, false).Amount);
    }

    [Fact]
    public void Each_category_rounds_on_its_own_so_a_report_never_pays_for_another_categorys_fractions()
    {
        // lens and sensor at 0.5 fen per unit: 3 units = 1.5 fen, posted 2 (half-even) in either category.
        var half = PerUnitRate.FromMinorUnits(0.5m);
        var card = new RateCard(1, "CNY", PoolFixtures.Today, [new CategoryRates("lens", [new Tier(null, half)]), new CategoryRates("sensor", [new Tier(null, half)])]);

        var (a, _) = PoolFixtures.Run(card, [new("lens", "CN", 3, false), new("sensor", "CN", 3, false)]);
        var (b, _) = PoolFixtures.Run(card, [new("sensor", "CN", 3, false)]);

        Assert.Equal([2L, 2L], a); // not 2 then 1: the lens half fen does not carry into sensor
        Assert.Equal(a[1], b[0]);
        Assert.Equal(b[0], RoyaltyCalculator.Quote(card, "sensor", "CN", 3, false).Amount);
    }

    [Fact]
    public void De_minimis_waives_the_year_until_it_is_reached_then_the_report_crossing_it_catches_up()
    {
        var card = PoolFixtures.Flat(PerUnitRate.FromMinorUnits(100), "USD") with { DeMinimis = 1_000 }; // 1 USD/unit, 10 USD
        var (charges, position) = PoolFixtures.Run(card,
            [new("A", "US", 5, false), new("A", "US", 4, false), new("A", "US", 2, false), new("A", "US", 1, false)]);

        Assert.Equal([0, 0, 1_100, 100], charges); // 500 and 900 ¢ are below 1 000 ¢; at 1 100 ¢ all of it is due
        Assert.Equal(1_200, position.Charged);
    }

    [Fact]
    public void Category_caps_then_the_enterprise_cap_bound_the_year()
    {
        var usdPerUnit = PerUnitRate.FromMinorUnits(100);
        var card = new RateCard(1, "USD", PoolFixtures.Today,
            [new CategoryRates("A", [new Tier(null, usdPerUnit)], AnnualCap: 5_000), new CategoryRates("B", [new Tier(null, usdPerUnit)])],
            EnterpriseCap: 8_000);
        var (charges, position) = PoolFixtures.Run(card,
            [new("A", "US", 70, false), new("B", "US", 20, false), new("B", "US", 20, false), new("A", "US", 10, false)]);

        // A: 7 000 ¢ capped at 5 000. B: 2 000 → year 7 000. B: 4 000 → year 9 000, enterprise cap 8 000. A: still capped.
        Assert.Equal([5_000, 2_000, 1_000, 0], charges);
        Assert.Equal(8_000, position.Charged);
        Assert.Equal((80, 40), (position.UnitsIn("A"), position.UnitsIn("B")));
    }

    [Fact]
    public void Unlisted_regions_pay_full_price_and_a_zero_multiplier_pays_nothing()
    {
        var card = PoolFixtures.Flat(PerUnitRate.FromMinorUnits(10)) with
        {
            RegionMultipliers = [new RegionMultiplier("R2", 5_000), new RegionMultiplier("LDC", 0)],
        };

        Assert.Equal(new Money(1_000, "CNY"), RoyaltyCalculator.Quote(card, "A", "CN", 100, false));
        Assert.Equal(500, RoyaltyCalculator.Quote(card, "A", "R2", 100, false).Amount);
        Assert.Equal(0, RoyaltyCalculator.Quote(card, "A", "LDC", 100, false).Amount);
    }

    [Fact]
    public void A_nil_report_charges_nothing_and_changes_no_counts()
    {
        var charge = RoyaltyCalculator.Charge(PoolFixtures.Avc(), LicenceYearPosition.Empty, new("decoder", "US", 0, true));
        Assert.Equal(0, charge.Amount.Amount);
        Assert.Equal(0, charge.After.UnitsIn("decoder"));
    }

    [Fact]
    public void Negative_units_and_unknown_categories_are_refused_naming_the_field()
    {
        var card = PoolFixtures.Avc();
        var negative = Assert.Throws<DomainException>(() => RoyaltyCalculator.Charge(card, LicenceYearPosition.Empty, new("decoder", "US", -1, false)));
        Assert.Equal(("invalid_units", "units", ErrorKind.Invalid), (negative.Code, negative.Field, negative.Kind));

        var unknown = Assert.Throws<DomainException>(() => RoyaltyCalculator.Quote(card, "encoder", "US", 1, false));
        Assert.Equal(("unknown_category", "category"), (unknown.Code, unknown.Field));
    }

    [Fact]
    public void A_lower_card_later_in_the_year_charges_nothing_rather_than_a_refund()
    {
        var v1 = PoolFixtures.Flat(PerUnitRate.FromMinorUnits(10));
        var v2 = v1 with { Version = 2, Categories = [new CategoryRates("A", [new Tier(null, PerUnitRate.FromMinorUnits(10))], AnnualCap: 300)] };
        var first = RoyaltyCalculator.Charge(v1, LicenceYearPosition.Empty, new("A", "CN", 100, false));
        var second = RoyaltyCalculator.Charge(v2, first.After, new("A", "CN", 100, false));

        Assert.Equal(1_000, first.Amount.Amount);
        Assert.Equal(0, second.Amount.Amount);
        Assert.Equal(1_000, second.After.Charged);
    }

    [Fact]
    public void Absurd_rates_and_volumes_overflow_loudly_instead_of_wrapping()
    {
        var card = PoolFixtures.Flat(long.MaxValue);
        Assert.Throws<OverflowException>(() => RoyaltyCalculator.Quote(card, "A", "CN", long.MaxValue, false));
    }
}
