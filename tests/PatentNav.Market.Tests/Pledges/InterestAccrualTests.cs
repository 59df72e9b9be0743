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
        Assert.Equal(0, after.Unposted); // the ⅓ fen is settled by this post, not carried (§2: round per line)
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
    public void Each_monthly_post_is_its_own_months_interest_rounded_with_nothing_carried()
    {
        // Jan (31 d) 374 583.33 → 374 583; Feb (28 d) 338 333.33 → 338 333 (no ⅓ carried in); Mar (31 d) → 374 583.
        var (posts, accrual) = AccrueAndPost(435, [(Cny(1_000_000), 31), (Cny(1_000_000), 28), (Cny(1_000_000), 31)]);
        Assert.Equal([374_583, 338_333, 374_583], posts);
        Assert.Equal(0, accrual.Unposted);
        // One post over the 90 days is exactly 1 087 500: per-line rounding gave up one fen against it.
        Assert.Equal(1_087_500, AccrueAndPost(435, [(Cny(1_000_000), 90)]).Posts.Single());

        // The line: 445 000 000 fen × 435 bps × 31 days / 360 = 1 666 895.83 → 1 666 896, whatever came before it.
        var after8Months = AccrueAndPost(435, [.. new[] { 31, 28, 31, 30, 31, 30, 31 }.Select(d => (445_000_000L, d))]).Accrual;
        Assert.Equal(1_666_896, after8Months.Accrue(445_000_000, 435, Jan1, Jan1.AddDays(31)).Post().Amount);
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
