using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class InterestAccrualTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    [Fact]
    public void One_million_yuan_at_4_35_percent_for_31_days_accrues_3_745_83_yuan()
    {
        // 100 000 000 fen × 0.0435 × 31 / 360 = 374 583.33… fen, posted half-even as 374 583 fen.
        var accrual = InterestAccrual.None.Accrue(Cny(1_000_000), 435, Jan1, Jan1.AddDays(31));
        Assert.Equal((Int128)100_000_000 * 435 * 31, accrual.Exact);
        var (amount, after) = accrual.Post();
        Assert.Equal(374_583, amount);
        Assert.Equal(1_200_000, after.Unposted); // the ⅓ fen carried, in 1/3 600 000 fen
    }

    [Fact]
    public void Principal_changes_are_accrued_per_range_and_rounded_only_once()
    {
        // 10 days on 1 000 000.00 then 21 days on 500 000.00: 120 833.33… + 126 875 = 247 708.33… → 247 708.
        var accrual = InterestAccrual.None
            .Accrue(Cny(1_000_000), 435, Jan1, Jan1.AddDays(10))
            .Accrue(Cny(500_000), 435, Jan1.AddDays(10), Jan1.AddDays(31));
        Assert.Equal(247_708, accrual.Post().Amount);
    }

    [Fact]
    public void Monthly_posts_carry_the_remainder_so_the_total_is_the_rounded_exact_total()
    {
        // Jan (31 d) 374 583.33 → 374 583; Feb (28 d) 338 333.33 + ⅓ carried → 338 334; Mar (31 d) → 374 583.
        var (posts, accrual) = AccrueAndPost(435, [(Cny(1_000_000), 31), (Cny(1_000_000), 28), (Cny(1_000_000), 31)]);
        Assert.Equal([374_583, 338_334, 374_583], posts);
        Assert.Equal(1_087_500, posts.Sum()); // = 1 000 000.00 × 4.35 % × 90 / 360 exactly
        Assert.Equal(0, accrual.Unposted);
        Assert.Equal(posts.Sum(), AccrueAndPost(435, [(Cny(1_000_000), 90)]).Posts.Single());
    }

    [Fact]
    public void Posting_rounds_ties_to_even()
    {
        // 9 000 fen × 10 % × 1 day / 360 = 2.5 fen → 2; 12 600 fen → 3.5 fen → 4.
        Assert.Equal(2, InterestAccrual.None.Accrue(9_000, 1_000, Jan1, Jan1.AddDays(1)).Post().Amount);
        Assert.Equal(4, InterestAccrual.None.Accrue(12_600, 1_000, Jan1, Jan1.AddDays(1)).Post().Amount);
        Assert.Throws<ArgumentOutOfRangeException>(() => InterestAccrual.None.Accrue(1, 1, Jan1, Jan1.AddDays(-1)));
    }
}
