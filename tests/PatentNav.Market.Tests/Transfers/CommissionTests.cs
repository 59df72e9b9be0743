using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.Tests.Transfers;

/// <summary>The center's commission: floor of price × bps / 10 000; the seller keeps the rest, to the minor unit.</summary>
public sealed class CommissionTests
{
    [Theory]
    [InlineData(1_000_000, 100, 10_000)]
    [InlineData(999, 100, 9)] // 9.99 → 9: the fraction stays with the seller
    [InlineData(199, 5_000, 99)]
    [InlineData(1, 9_999, 0)]
    [InlineData(12_345, 0, 0)]
    [InlineData(12_345, 10_000, 12_345)]
    public void Commission_is_rounded_down_and_proceeds_make_up_the_price(long price, int bps, long expected)
    {
        var amount = new Money(price, "CNY");

        Assert.Equal(new Money(expected, "CNY"), Commission.Of(amount, bps));
        Assert.Equal(price, Commission.Of(amount, bps).Amount + Commission.SellerProceeds(amount, bps).Amount);
    }

    [Fact]
    public void Large_prices_do_not_overflow() =>
        Assert.Equal(long.MaxValue / 10_000 * 250 + (long.MaxValue % 10_000) * 250 / 10_000, Commission.Of(new Money(long.MaxValue, "CNY"), 250).Amount);

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Bps_outside_0_to_10000_are_not_a_commission(int bps)
    {
        Assert.False(Commission.IsValidBps(bps));
        Assert.Throws<ArgumentOutOfRangeException>(() => Commission.Of(new Money(100, "CNY"), bps));
    }
}
