using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class RateCardRulesTests
{
    private static readonly DateOnly Today = PoolFixtures.Today;

    private static DomainException Refused(RateCard card) =>
        Assert.Throws<DomainException>(() => RateCardRules.Validate(card, Today));

    private static RateCard WithTiers(params Tier[] tiers) =>
        PoolFixtures.Avc() with { Categories = [new CategoryRates("decoder", tiers)] };

    [Fact]
    public void The_avc_card_is_valid_from_today_or_later()
    {
        var card = PoolFixtures.Avc();
        Assert.Same(card, RateCardRules.Validate(card, Today));
        RateCardRules.Validate(PoolFixtures.Avc() with { EffectiveFrom = Today.AddDays(30) }, Today);
    }

    [Fact]
    public void An_effective_date_in_the_past_is_refused()
    {
        var ex = Refused(PoolFixtures.Avc() with { EffectiveFrom = Today.AddDays(-1) });
        Assert.Equal(("effective_date_in_past", "effectiveFrom", ErrorKind.Invalid), (ex.Code, ex.Field, ex.Kind));
    }

    [Theory]
    [InlineData("RMB")]
    [InlineData("usd")]
    [InlineData("")]
    public void An_unknown_currency_is_refused(string currency)
    {
        var ex = Refused(PoolFixtures.Avc() with { Currency = currency });
        Assert.Equal(("unknown_currency", "currency"), (ex.Code, ex.Field));
    }

    [Fact]
    public void Tier_bounds_must_strictly_increase_and_only_the_last_tier_is_open_ended()
    {
        var equal = Refused(WithTiers(new Tier(100, 0), new Tier(100, 5), new Tier(null, 1)));
        Assert.Equal(("tiers_not_increasing", "categories[0].tiers[1].upTo"), (equal.Code, equal.Field));

        var zeroFirst = Refused(WithTiers(new Tier(0, 0), new Tier(null, 1)));
        Assert.Equal("categories[0].tiers[0].upTo", zeroFirst.Field);

        var openMiddle = Refused(WithTiers(new Tier(null, 0), new Tier(null, 1)));
        Assert.Equal(("tiers_not_increasing", "categories[0].tiers[0].upTo"), (openMiddle.Code, openMiddle.Field));

        var boundedLast = Refused(WithTiers(new Tier(100, 0), new Tier(200, 1)));
        Assert.Equal(("last_tier_bounded", "categories[0].tiers[1].upTo"), (boundedLast.Code, boundedLast.Field));

        var none = Refused(WithTiers());
        Assert.Equal(("required", "categories[0].tiers"), (none.Code, none.Field));
    }

    [Fact]
    public void Negative_rates_are_refused_zero_rates_are_free_units()
    {
        var ex = Refused(WithTiers(new Tier(100, 0), new Tier(null, -1)));
        Assert.Equal(("negative_rate", "categories[0].tiers[1].rate"), (ex.Code, ex.Field));
        RateCardRules.Validate(WithTiers(new Tier(null, 0)), Today);
    }

    [Fact]
    public void Categories_are_required_and_unique()
    {
        Assert.Equal("categories", Refused(PoolFixtures.Avc() with { Categories = [] }).Field);
        var twice = PoolFixtures.Avc() with { Categories = [.. PoolFixtures.Avc().Categories, .. PoolFixtures.Avc().Categories] };
        Assert.Equal(("duplicate_category", "categories[1].code"), (Refused(twice).Code, Refused(twice).Field));
        Assert.Equal("categories[0].code", Refused(PoolFixtures.Flat(1, code: " ")).Field);
    }

    [Fact]
    public void Caps_and_threshold_when_set_are_positive()
    {
        Assert.Equal("categories[0].annualCap", Refused(PoolFixtures.Avc(cap: 0)).Field);
        Assert.Equal("enterpriseCap", Refused(PoolFixtures.Avc() with { EnterpriseCap = -5 }).Field);
        Assert.Equal("deMinimis", Refused(PoolFixtures.Avc() with { DeMinimis = 0 }).Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Region_multipliers_and_the_compliance_discount_run_from_0_to_10000_bps(int bps)
    {
        var region = Refused(PoolFixtures.Avc() with { RegionMultipliers = [new RegionMultiplier("R2", 5_000), new RegionMultiplier("R3", bps)] });
        Assert.Equal(("invalid_bps", "regionMultipliers[1].bps"), (region.Code, region.Field));

        var discount = Refused(PoolFixtures.Avc() with { ComplianceDiscountBps = bps });
        Assert.Equal(("invalid_bps", "complianceDiscountBps"), (discount.Code, discount.Field));
    }

    [Fact]
    public void Regions_are_named_once()
    {
        var ex = Refused(PoolFixtures.Avc() with { RegionMultipliers = [new RegionMultiplier("R2", 5_000), new RegionMultiplier("R2", 6_000)] });
        Assert.Equal(("duplicate_region", "regionMultipliers[1].region"), (ex.Code, ex.Field));
    }

    [Fact]
    public void Version_numbers_start_at_one()
    {
        Assert.Equal("version", Refused(PoolFixtures.Avc() with { Version = 0 }).Field);
    }

    [Fact]
    public void Rates_carry_at_most_four_decimals_of_a_minor_unit()
    {
        Assert.Equal(200_000, PerUnitRate.FromMinorUnits(20m));
        Assert.Equal(125, PerUnitRate.FromMinorUnits(0.0125m));
        Assert.Equal(0.0125m, PerUnitRate.ToMinorUnits(125));
        Assert.Throws<ArgumentException>(() => PerUnitRate.FromMinorUnits(0.00001m));
    }
}
