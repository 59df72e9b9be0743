using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class RateCardGuardTests
{
    private static readonly RateCard V1 = PoolFixtures.Avc() with { EnterpriseCap = 1_500_000_000, RegionMultipliers = [new RegionMultiplier("R2", 5_000)] };

    private static RateCard WithDecoder(long? cap, params Tier[] tiers) => V1 with { Version = 2, Categories = [new CategoryRates("decoder", tiers, cap)] };

    private static DomainException Refused(RateCard next, int limitBps = RateCardGuard.DefaultLimitBps) =>
        Assert.Throws<DomainException>(() => RateCardGuard.RequireReasonable(V1, next, limitBps));

    [Fact]
    public void Raising_a_rate_by_exactly_twenty_percent_passes_and_by_one_more_unit_is_refused_naming_the_tier()
    {
        var c = PoolFixtures.Cents;
        RateCardGuard.RequireReasonable(V1, WithDecoder(975_000_000, new Tier(100_000, 0), new Tier(5_000_000, c(24)), new Tier(null, c(12))));

        var ex = Refused(WithDecoder(975_000_000, new Tier(100_000, 0), new Tier(5_000_000, c(20)), new Tier(null, c(12) + 1)));
        Assert.Equal(("rate_increase_exceeds_limit", "categories[0].tiers[2].rate", ErrorKind.Unprocessable), (ex.Code, ex.Field, ex.Kind));
    }

    [Fact]
    public void Shrinking_the_free_tier_is_a_raise_from_zero_and_is_refused()
    {
        var c = PoolFixtures.Cents;
        var ex = Refused(WithDecoder(975_000_000, new Tier(50_000, 0), new Tier(5_000_000, c(20)), new Tier(null, c(10))));
        Assert.Equal("categories[0].tiers[1].rate", ex.Field);
    }

    [Fact]
    public void Caps_may_rise_by_the_limit_but_not_be_dropped()
    {
        var tiers = V1.Categories[0].Tiers.ToArray();
        RateCardGuard.RequireReasonable(V1, WithDecoder(1_170_000_000, tiers));
        Assert.Equal("categories[0].annualCap", Refused(WithDecoder(1_170_000_001, tiers)).Field);
        Assert.Equal("categories[0].annualCap", Refused(WithDecoder(null, tiers)).Field);
        Assert.Equal("enterpriseCap", Refused(V1 with { EnterpriseCap = null }).Field);
        Assert.Equal("enterpriseCap", Refused(V1 with { EnterpriseCap = 1_800_000_001 }).Field);
    }

    [Fact]
    public void Region_multipliers_count_as_rates()
    {
        Assert.Equal("regionMultipliers[0].bps", Refused(V1 with { RegionMultipliers = [new RegionMultiplier("R2", 6_001)] }).Field);
        Assert.Equal("regionMultipliers", Refused(V1 with { RegionMultipliers = [] }).Field); // R2 back to full price
        RateCardGuard.RequireReasonable(V1, V1 with { RegionMultipliers = [new RegionMultiplier("R2", 6_000), new RegionMultiplier("R3", 7_000)] });
    }

    [Fact]
    public void The_charter_limit_is_a_parameter_and_a_currency_change_is_refused()
    {
        var raised = V1 with { EnterpriseCap = 1_650_000_000 }; // +10 %
        RateCardGuard.RequireReasonable(V1, raised, limitBps: 1_000);
        Assert.Equal("enterpriseCap", Refused(raised, limitBps: 999).Field);
        Assert.Equal(("currency_mismatch", "currency"), (Refused(V1 with { Currency = "EUR" }).Code, Refused(V1 with { Currency = "EUR" }).Field));
    }

    [Fact]
    public void New_categories_and_lower_terms_always_pass()
    {
        var next = V1 with { Categories = [.. V1.Categories, new CategoryRates("encoder", [new Tier(null, 1_000_000)])], EnterpriseCap = 1 };
        RateCardGuard.RequireReasonable(V1, next, limitBps: 0);
    }

    [Fact]
    public void Any_card_merged_down_with_a_later_one_passes_even_a_zero_limit()
    {
        var gen = from a in PoolFixtures.CardGen() from b in PoolFixtures.CardGen() select (a, b);
        Prop.ForAll(gen.ToArbitrary(), t =>
            RateCardGuard.RequireReasonable(t.a, MostFavouredTerms.Merge(t.a, t.b), limitBps: 0)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Scaling_every_rate_and_cap_up_to_the_limit_passes_and_beyond_it_is_refused()
    {
        var gen = from card in PoolFixtures.CardGen() from limit in Gen.Choose(0, 5_000) select (card, limit);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            RateCard Scaled(int bps) => t.card with
            {
                Version = 2,
                Categories = t.card.Categories.Select(c => c with
                {
                    Tiers = c.Tiers.Select(x => x with { Rate = x.Rate * (10_000 + bps) / 10_000 }).ToList(),
                    AnnualCap = c.AnnualCap * (10_000 + bps) / 10_000,
                }).ToList(),
            };
            RateCardGuard.RequireReasonable(t.card, Scaled(t.limit), t.limit);
            var positive = t.card.Categories.Any(c => c.Tiers.Any(x => x.Rate > 0) || c.AnnualCap is not null);
            if (!positive) return true;
            // Doubling the limit plus one bps on every rate and cap breaks it somewhere (integer division may hide tiny rates).
            var over = Scaled(2 * t.limit + 10_000);
            var ex = Record.Exception(() => RateCardGuard.RequireReasonable(t.card, over, t.limit)) as DomainException;
            return ex?.Code == "rate_increase_exceeds_limit" && ex.Field!.StartsWith("categories[");
        }).QuickCheckThrowOnFailure();
    }
}
