using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>§6 steps 2–4 on worked examples: fee, distributable, exact shares and the largest-remainder units.</summary>
public class DistributionCalculatorTests
{
    private static Holding H(string patent, string owner, long weight, long denominator = 1, int days = 90) =>
        new(patent, owner, days, new Rational(weight, denominator));

    private static long[] Shares(DistributionAmounts amounts) => [.. amounts.Shares.Select(s => s.Share)];

    [Fact]
    public void Fee_is_floored_and_the_rest_is_shared_in_proportion_to_weight()
    {
        // C = 1 000 001, 15 %: F = floor(150 000.15) = 150 000, D = 850 001. Weights 270 : 45 : 45 (M value-days).
        // Exact: 637 500.75, 106 250.125, 106 250.125 → floors 850 000, one unit left for the largest remainder (.75).
        var amounts = DistributionCalculator.Compute(new Money(1_000_001, "CNY"), 1_500,
            [H("P2", "pty_c", 45_000_000), H("P1", "pty_a", 270_000_000), H("P2", "pty_b", 45_000_000)]);

        Assert.Equal((150_000L, 850_001L), (amounts.AdminFee.Amount, amounts.Distributable.Amount));
        Assert.Equal([("P1", "pty_a", 637_501L), ("P2", "pty_b", 106_250L), ("P2", "pty_c", 106_250L)],
            amounts.Shares.Select(s => (s.PatentNumber, s.OwnerId, s.Share)));
    }

    [Fact]
    public void Equal_remainders_go_to_the_lower_patent_number_then_the_lower_owner_id()
    {
        Holding[] holdings = [H("P2", "pty_a", 7), H("P1", "pty_c", 7), H("P1", "pty_b", 7)];

        // 100 / 3 = 33.33…: one unit left, all remainders equal → P1, and on P1 pty_b before pty_c.
        Assert.Equal([34L, 33, 33], Shares(DistributionCalculator.Compute(new Money(100, "CNY"), 0, holdings)));
        // 101 / 3 = 33.66…: two units left → both P1 holdings.
        Assert.Equal([34L, 34, 33], Shares(DistributionCalculator.Compute(new Money(101, "CNY"), 0, holdings)));
    }

    [Fact]
    public void A_larger_remainder_beats_a_lower_patent_number()
    {
        // D = 10, weights 1 : 2 → 3.33…, 6.66…: the unit left goes to P2, whose remainder is larger.
        Assert.Equal([3L, 7], Shares(DistributionCalculator.Compute(new Money(10, "CNY"), 0, [H("P1", "o", 1), H("P2", "o", 2)])));
        // D = 10, weights 1 : 1 : 2 → 2.5, 2.5, 5: the tie between P1 and P2 goes to P1; P3 has no remainder.
        Assert.Equal([3L, 2, 5], Shares(DistributionCalculator.Compute(new Money(10, "CNY"), 0, [H("P1", "o", 1), H("P2", "o", 1), H("P3", "o", 2)])));
        // D = 10, weights 3 : 4 : 3 → 3, 4, 3 exactly: nothing to hand out.
        Assert.Equal([3L, 4, 3], Shares(DistributionCalculator.Compute(new Money(10, "CNY"), 0, [H("P1", "o", 3), H("P2", "o", 4), H("P3", "o", 3)])));
        // D = 10, weights 1/3 : 1/3 : 1/3 (co-owners): 3.33… each, P1 by owner id.
        Assert.Equal([4L, 3, 3], Shares(DistributionCalculator.Compute(new Money(10, "CNY"), 0, [H("P1", "b", 1, 3), H("P1", "a", 1, 3), H("P1", "c", 1, 3)])));
    }

    [Fact]
    public void Fee_of_all_or_nothing_and_zero_weight_holdings()
    {
        var all = DistributionCalculator.Compute(new Money(999, "CNY"), 10_000, [H("P1", "o", 1)]);
        Assert.Equal((999L, 0L, 0L), (all.AdminFee.Amount, all.Distributable.Amount, all.Shares[0].Share));

        var none = DistributionCalculator.Compute(new Money(999, "CNY"), 0, [H("P1", "o", 5), H("P2", "o", 0)]);
        Assert.Equal((0L, 999L), (none.AdminFee.Amount, none.Distributable.Amount));
        Assert.Equal([999L, 0], Shares(none));
    }

    [Fact]
    public void No_weight_at_all_is_refused()
    {
        var refused = Assert.Throws<DomainException>(() => DistributionCalculator.Compute(new Money(1_000, "CNY"), 1_500, [H("P1", "o", 0)]));
        Assert.Equal(("no_weight", ErrorKind.Unprocessable), (refused.Code, refused.Kind));
        Assert.Equal("no_weight", Assert.Throws<DomainException>(() => DistributionCalculator.Compute(new Money(1_000, "CNY"), 0, [])).Code);
    }

    [Fact]
    public void Amounts_and_weights_near_the_limits_do_not_overflow()
    {
        var collected = long.MaxValue;
        var amounts = DistributionCalculator.Compute(new Money(collected, "CNY"), 9_999,
            [H("P1", "o", long.MaxValue, 7), H("P2", "o", long.MaxValue - 1, 3), H("P3", "o", 1)]);

        Assert.Equal((long)((Int128)collected * 9_999 / 10_000), amounts.AdminFee.Amount);
        Assert.Equal(collected, amounts.AdminFee.Amount + amounts.Distributable.Amount);
        Assert.Equal(amounts.Distributable.Amount, amounts.Shares.Aggregate(Int128.Zero, (sum, s) => sum + s.Share));
    }

    [Fact]
    public void Rationals_are_kept_in_lowest_terms_and_written_exactly()
    {
        Assert.Equal("100/3", new Rational(200, 6).ToString());
        Assert.Equal("5", (new Rational(5, 2) + new Rational(5, 2)).ToString());
        Assert.Equal(new Rational(1, 3), Rational.Parse("2/6"));
        Assert.True(new Rational(1, 3) < new Rational(1, 2));
    }
}
