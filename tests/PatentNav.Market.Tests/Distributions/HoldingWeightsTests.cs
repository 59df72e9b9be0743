using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using static PatentNav.Market.Tests.Distributions.DistributionFixtures;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>§6.3: days in the pool, in force and owned, weighted by the valuation in effect on each day.</summary>
public class HoldingWeightsTests
{
    private static readonly DateOnly LongAgo = new(2029, 6, 1);

    private static (string, string, int, string)[] Rows(IEnumerable<Holding> holdings) =>
        [.. holdings.OrderBy(h => h.PatentNumber).ThenBy(h => h.OwnerId).Select(h => (h.PatentNumber, h.OwnerId, h.Days, h.Weight.ToString()))];

    [Fact]
    public void A_patent_that_changes_owner_mid_period_is_split_by_days_then_shared_as_in_the_worked_example()
    {
        var p1 = Patent("P1", [Value(3_000_000, LongAgo)], [Owned(LongAgo, "pty_a")]);
        // pty_b owns P2 from 1 Jan to 14 Feb (45 days), pty_c from 15 Feb to 31 Mar (45 days).
        var p2 = Patent("P2", [Value(1_000_000, LongAgo)], [Owned(LongAgo, "pty_b"), Owned(new DateOnly(2030, 2, 15), "pty_c")]);

        var holdings = Q1(p1, p2);

        Assert.Equal([("P1", "pty_a", 90, "270000000"), ("P2", "pty_b", 45, "45000000"), ("P2", "pty_c", 45, "45000000")], Rows(holdings));
        var amounts = DistributionCalculator.Compute(new Money(1_000_001, "CNY"), 1_500, holdings);
        Assert.Equal([637_501L, 106_250, 106_250], amounts.Shares.Select(s => s.Share));
    }

    [Fact]
    public void Each_day_counts_the_valuation_in_effect_on_it_and_days_before_the_first_valuation_weigh_nothing()
    {
        // 100 until 28 Feb (59 days), 200 from 1 March (31 days).
        var revalued = Patent("P1", [Value(200, new DateOnly(2030, 3, 1)), Value(100, LongAgo)], [Owned(LongAgo, "o")]);
        // First valued on 20 January: 19 days without value, 71 days at 50.
        var late = Patent("P2", [Value(50, new DateOnly(2030, 1, 20))], [Owned(LongAgo, "o")]);

        Assert.Equal([("P1", "o", 90, "12100"), ("P2", "o", 90, "3550")], Rows(Q1(revalued, late)));
    }

    [Fact]
    public void Only_days_in_the_pool_and_in_force_count()
    {
        PoolStay[] stays = [new(new DateOnly(2030, 2, 1), new DateOnly(2030, 3, 1)), new(new DateOnly(2030, 3, 15), null)];
        var inAndOut = Patent("P1", [Value(10, LongAgo)], [Owned(LongAgo, "o")], stays);
        var expiring = Patent("P2", [Value(10, LongAgo)], [Owned(LongAgo, "o")], expiresOn: new DateOnly(2030, 3, 1));
        var invalidated = Patent("P3", [Value(10, LongAgo)], [Owned(LongAgo, "o")], isVoid: true);
        var admittedAfter = Patent("P4", [Value(10, LongAgo)], [Owned(LongAgo, "o")], [new PoolStay(Q1End, null)]);

        // 28 days in February + 17 from 15 March; in force until 28 February: 59 days; void and later: nothing.
        Assert.Equal([("P1", "o", 45, "450"), ("P2", "o", 59, "590")], Rows(Q1(inAndOut, expiring, invalidated, admittedAfter)));
    }

    [Fact]
    public void Co_owners_split_each_day_equally_as_exact_fractions()
    {
        // [a, b] in January (31 days × 500 each), [a, b, c] from February (59 days × 1000/3 each).
        var shared = Patent("P1", [Value(1_000, LongAgo)], [Owned(LongAgo, "a", "b"), Owned(new DateOnly(2030, 2, 1), "a", "b", "c")]);

        var rows = Rows(Q1(shared));

        Assert.Equal([("P1", "a", 90, "105500/3"), ("P1", "b", 90, "105500/3"), ("P1", "c", 59, "59000/3")], rows);
        Assert.Equal("90000", Q1(shared).Aggregate(Rational.Zero, (sum, h) => sum + h.Weight).ToString()); // the patent weighs 90 × 1000 whoever owns it
    }

    [Fact]
    public void Valuations_may_be_in_any_one_currency_but_not_in_two()
    {
        var usd1 = Patent("P1", [Value(10, LongAgo, "USD")], [Owned(LongAgo, "o")]);
        var usd2 = Patent("P2", [Value(30, LongAgo, "USD")], [Owned(LongAgo, "o")]);
        var cny = Patent("P3", [Value(30, LongAgo, "CNY")], [Owned(LongAgo, "o")]);

        HoldingWeights.For([usd1, usd2], Q1Start, Q1End, out var currency);
        Assert.Equal("USD", currency);
        var refused = Assert.Throws<DomainException>(() => HoldingWeights.For([usd1, cny], Q1Start, Q1End, out _));
        Assert.Equal(("valuation_currencies_differ", ErrorKind.Unprocessable), (refused.Code, refused.Kind));
    }
}
