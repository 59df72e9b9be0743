using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// The operating center's commission on a transfer, in basis points of the price. Rounded down to the
/// minor unit, as the pool admin fee is (§6: F = floor(C × bps / 10 000)): the seller, not the center,
/// keeps the fraction, and seller proceeds + commission = price exactly.
/// </summary>
public static class Commission
{
    public const int MaxBps = 10_000;

    public static bool IsValidBps(int bps) => bps is >= 0 and <= MaxBps;

    public static Money Of(Money price, int bps)
    {
        if (!IsValidBps(bps)) throw new ArgumentOutOfRangeException(nameof(bps), bps, "Commission is 0 to 10 000 bps.");
        if (price.Amount < 0) throw new ArgumentOutOfRangeException(nameof(price), price, "A price is not negative.");
        // Int128: amount × 10 000 can exceed a long for prices near long.MaxValue.
        return new Money((long)((Int128)price.Amount * bps / MaxBps), price.Currency);
    }

    /// <summary>What the seller receives: the price less the commission.</summary>
    public static Money SellerProceeds(Money price, int bps) => new(price.Amount - Of(price, bps).Amount, price.Currency);
}
