using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class MostFavouredTermsTests
{
    private static readonly Func<decimal, long> C = PoolFixtures.Cents;

    [Fact]
    public void Each_rate_and_cap_is_the_lower_of_the_two_even_when_the_boundaries_differ()
    {
        var locked = PoolFixtures.Avc();                                         // free ≤ 100k, 20 ¢ ≤ 5M, 10 ¢ above, cap 9.75M USD
        var later = locked with
        {
            Version = 2,
            EffectiveFrom = locked.EffectiveFrom.AddYears(1),
            Categories = [new CategoryRates("decoder", [new Tier(50_000, 0), new Tier(10_000_000, C(18)), new Tier(null, C(11))], 1_000_000_000)],
            RegionMultipliers = [new RegionMultiplier("R2", 5_000)],
        };

        var terms = MostFavouredTerms.Merge(locked, later);

        // Units ≤ 100k free (locked), then 18 ¢ (later) to 5M, 10 ¢ (locked) above; the lower cap; R2 from the later card.
        Assert.Equal([new Tier(100_000, 0), new Tier(5_000_000, C(18)), new Tier(null, C(10))], terms.Categories[0].Tiers);
        Assert.Equal(975_000_000, terms.Categories[0].AnnualCap);
        Assert.Equal(5_000, terms.MultiplierBps("R2"));
        Assert.Equal((2, later.EffectiveFrom), (terms.Version, terms.EffectiveFrom));
        RateCardRules.Validate(terms, later.EffectiveFrom);
    }

    [Fact]
    public void Caps_discount_and_de_minimis_take_the_licensee_friendly_side_and_categories_are_kept()
    {
        var locked = PoolFixtures.Flat(C(5)) with { EnterpriseCap = 9_000, DeMinimis = 500, ComplianceDiscountBps = 300 };
        var later = PoolFixtures.Flat(C(4), code: "B") with { Version = 2, DeMinimis = 200, ComplianceDiscountBps = 500 };

        var terms = MostFavouredTerms.Merge(locked, later);

        Assert.Equal((9_000L, 500L, 500), (terms.EnterpriseCap!.Value, terms.DeMinimis!.Value, terms.ComplianceDiscountBps));
        Assert.Equal(["B", "A"], terms.Categories.Select(c => c.Code));
        Assert.Throws<DomainException>(() => MostFavouredTerms.Merge(locked, later with { Currency = "USD" }));
    }

    private static readonly Gen<(RateCard Locked, RateCard Later, UnitReport Report, List<UnitReport> Year)> Pairs =
        from locked in PoolFixtures.CardGen()
        from later in PoolFixtures.CardGen()
        let both = locked with { Categories = locked.Categories.Concat(later.Categories.Where(c => locked.Categories.All(l => l.Code != c.Code))).ToList() }
        from report in PoolFixtures.ReportGen(both, 3_000)
        from year in PoolFixtures.ReportGen(locked).ListOf().Select(l => l.Take(6).ToList())
        select (locked, later, report, year);

    private static long? Price(RateCard card, UnitReport r) =>
        card.Categories.Any(c => c.Code == r.Category) ? RoyaltyCalculator.Quote(card, r.Category, r.Region, r.Units, r.Compliant).Amount : null;

    [Fact]
    public void Effective_terms_never_price_above_either_version()
    {
        Check.One(PoolFixtures.Runs(500), Prop.ForAll(Pairs.ToArbitrary(), t =>
        {
            var terms = MostFavouredTerms.Merge(t.Locked, t.Later);
            var merged = Price(terms, t.Report)!.Value;
            return merged <= (Price(t.Locked, t.Report) ?? long.MaxValue) && merged <= (Price(t.Later, t.Report) ?? long.MaxValue);
        }));
    }

    [Fact]
    public void Effective_terms_never_charge_a_year_more_than_the_locked_card()
    {
        Prop.ForAll(Pairs.ToArbitrary(), t =>
            PoolFixtures.Run(MostFavouredTerms.Merge(t.Locked, t.Later), t.Year).Position.Charged
            <= PoolFixtures.Run(t.Locked, t.Year).Position.Charged).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Merged_schedules_are_valid_and_take_the_lower_marginal_rate_at_every_unit()
    {
        var gen = from p in Pairs from unit in Gen.Choose(1, 2_500) select (p.Locked, p.Later, unit);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var terms = MostFavouredTerms.Merge(t.Locked, t.Later);
            RateCardRules.Validate(terms, PoolFixtures.Today);
            return terms.Categories.All(c =>
            {
                var rates = new[] { t.Locked, t.Later }.SelectMany(v => v.Categories.Where(x => x.Code == c.Code))
                    .Select(x => TierSchedule.RateAt(x.Tiers, t.unit));
                return TierSchedule.RateAt(c.Tiers, t.unit) == rates.Min();
            });
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Merging_a_card_with_itself_changes_no_price()
    {
        Prop.ForAll(Pairs.ToArbitrary(), t =>
            Price(MostFavouredTerms.Merge(t.Locked, t.Locked), t.Report) == Price(t.Locked, t.Report)).QuickCheckThrowOnFailure();
    }
}
