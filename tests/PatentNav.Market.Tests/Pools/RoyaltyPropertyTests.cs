using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class RoyaltyPropertyTests
{
    private static readonly Gen<(RateCard Card, List<UnitReport> Prior, UnitReport Report)> Scenario =
        from card in PoolFixtures.CardGen()
        from prior in PoolFixtures.ReportGen(card).ListOf().Select(l => l.Take(6).ToList())
        from report in PoolFixtures.ReportGen(card)
        select (card, prior, report);

    [Fact]
    public void Quotes_are_deterministic_and_independent_of_call_order_and_of_other_licensees()
    {
        var gen =
            from card in PoolFixtures.CardGen()
            from requests in PoolFixtures.ReportGen(card, 20_000).ListOf().Select(l => l.Take(8).ToList())
            from order in Gen.Shuffle(Enumerable.Range(0, requests.Count))
            select (card, requests, order);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            long Price(UnitReport r) => RoyaltyCalculator.Quote(t.card, r.Category, r.Region, r.Units, r.Compliant).Amount;
            var first = t.requests.Select(Price).ToList();
            PoolFixtures.Run(t.card, t.requests); // another licensee's year in between touches nothing shared
            var shuffled = new long[t.requests.Count];
            foreach (var i in t.order) shuffled[i] = Price(t.requests[i]);
            return first.SequenceEqual(shuffled);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Two_licensees_with_the_same_reports_get_the_same_invoices_whatever_else_happens()
    {
        var gen =
            from card in PoolFixtures.CardGen()
            from reports in PoolFixtures.ReportGen(card).ListOf().Select(l => l.Take(8).ToList())
            from noise in PoolFixtures.ReportGen(card).ListOf().Select(l => l.Take(8).ToList())
            select (card, reports, noise);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var first = PoolFixtures.Run(t.card, t.reports);
            PoolFixtures.Run(t.card, t.noise);
            var second = PoolFixtures.Run(t.card, t.reports);
            return first.Charges.SequenceEqual(second.Charges) && first.Position.Charged == second.Position.Charged;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void One_more_unit_never_costs_less()
    {
        Check.One(PoolFixtures.Runs(300), Prop.ForAll(Scenario.ToArbitrary(), t =>
        {
            var start = PoolFixtures.Run(t.Card, t.Prior).Position;
            var n = RoyaltyCalculator.Charge(t.Card, start, t.Report).Amount.Amount;
            var more = RoyaltyCalculator.Charge(t.Card, start, t.Report with { Units = t.Report.Units + 1 }).Amount.Amount;
            var quoteN = RoyaltyCalculator.Quote(t.Card, t.Report.Category, t.Report.Region, t.Report.Units, t.Report.Compliant);
            var quoteMore = RoyaltyCalculator.Quote(t.Card, t.Report.Category, t.Report.Region, t.Report.Units + 1, t.Report.Compliant);
            return more >= n && quoteMore.Amount >= quoteN.Amount;
        }));
    }

    [Fact]
    public void Splitting_a_report_in_two_charges_exactly_the_same_with_and_without_caps()
    {
        var gen = from s in Scenario from cut in Gen.Choose(0, (int)s.Report.Units) select (s, cut);
        Check.One(PoolFixtures.Runs(300), Prop.ForAll(gen.ToArbitrary(), g =>
        {
            bool SameTotal(RateCard card)
            {
                var start = PoolFixtures.Run(card, g.s.Prior).Position;
                var whole = RoyaltyCalculator.Charge(card, start, g.s.Report).Amount.Amount;
                var parts = PoolFixtures.Run(card, [g.s.Report with { Units = g.cut }, g.s.Report with { Units = g.s.Report.Units - g.cut }], start);
                return parts.Charges.Sum() == whole;
            }
            return SameTotal(g.s.Card) && SameTotal(PoolFixtures.Uncapped(g.s.Card));
        }));
    }

    [Fact]
    public void The_year_total_is_the_posted_annual_royalty_and_no_charge_is_negative_even_across_card_changes()
    {
        var gen =
            from a in PoolFixtures.CardGen(["A", "B"]).Where(c => c.Categories.Count == 2)
            from b in PoolFixtures.CardGen(["A", "B"]).Where(c => c.Categories.Count == 2)
            from reports in PoolFixtures.ReportGen(a).ListOf().Select(l => l.Take(10).ToList())
            from switches in Gen.Elements(true, false).ArrayOf(reports.Count)
            select (a, b, reports, switches);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var single = PoolFixtures.Run(t.a, t.reports);
            var exact = RoyaltyCalculator.AnnualRoyalty(t.a, single.Position);
            var position = LicenceYearPosition.Empty;
            var mixedNonNegative = true;
            for (var i = 0; i < t.reports.Count; i++)
            {
                var charge = RoyaltyCalculator.Charge(t.switches[i] ? t.b : t.a, position, t.reports[i]);
                mixedNonNegative &= charge.Amount.Amount >= 0;
                position = charge.After;
            }
            return single.Charges.All(c => c >= 0) && single.Charges.Sum() == exact && single.Position.Charged == exact
                   && mixedNonNegative && position.Charged >= 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Without_an_enterprise_cap_or_de_minimis_a_charge_depends_on_its_own_category_position_only()
    {
        var gen =
            from card in PoolFixtures.CardGen(["A", "B"]).Where(c => c.Categories.Count == 2)
            from others in PoolFixtures.ReportGen(card).Where(r => r.Category == "B").ListOf().Select(l => l.Take(6).ToList())
            from own in PoolFixtures.ReportGen(card).Where(r => r.Category == "A").ListOf().Select(l => l.Take(4).ToList())
            from report in PoolFixtures.ReportGen(card).Where(r => r.Category == "A")
            select (card: card with { EnterpriseCap = null, DeMinimis = null }, others, own, report);
        Check.One(PoolFixtures.Runs(300), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var alone = PoolFixtures.Run(t.card, t.own).Position;
            var mixed = PoolFixtures.Run(t.card, t.others.Concat(t.own)).Position;
            return RoyaltyCalculator.Charge(t.card, alone, t.report).Amount == RoyaltyCalculator.Charge(t.card, mixed, t.report).Amount;
        }));
    }

    [Fact]
    public void De_minimis_either_waives_the_whole_quote_or_changes_nothing()
    {
        var gen = from s in Scenario from threshold in Gen.Choose(1, 5_000) select (s.Card, s.Report, threshold);
        Check.One(PoolFixtures.Runs(300), Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var free = PoolFixtures.Uncapped(g.Card);
            long Quote(RateCard c) => RoyaltyCalculator.Quote(c, g.Report.Category, g.Report.Region, g.Report.Units, g.Report.Compliant).Amount;
            var full = Quote(free);
            var waived = Quote(free with { DeMinimis = g.threshold });
            return full < g.threshold ? waived == 0 : full > g.threshold ? waived == full : waived == 0 || waived == full;
        }));
    }

    [Fact]
    public void Region_multipliers_and_the_compliance_discount_only_scale_the_price_down()
    {
        var gen = from s in Scenario from m1 in Gen.Choose(0, 10_000) from m2 in Gen.Choose(0, 10_000) select (s.Card, s.Report, m1, m2);
        Check.One(PoolFixtures.Runs(300), Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var card = PoolFixtures.Uncapped(g.Card);
            long Quote(int bps, bool compliant) => RoyaltyCalculator.Quote(
                card with { RegionMultipliers = [new RegionMultiplier("X", bps)] }, g.Report.Category, "X", g.Report.Units, compliant).Amount;
            var (low, high) = (Math.Min(g.m1, g.m2), Math.Max(g.m1, g.m2));
            var full = RoyaltyCalculator.Quote(card, g.Report.Category, "unlisted", g.Report.Units, false).Amount;
            return Quote(low, false) <= Quote(high, false)
                   && Quote(10_000, false) == full
                   && Quote(0, false) == 0 && Quote(0, true) == 0
                   && Math.Abs(2 * Quote(5_000, false) - full) <= 1
                   && Quote(high, true) <= Quote(high, false);
        }));
    }
}
