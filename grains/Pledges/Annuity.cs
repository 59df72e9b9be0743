using System.Numerics;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// The level payment of an equal-instalment loan (等额本息) under the interest the deal really charges,
/// ACT/360 on each period's actual days. The textbook formula with r = annual / 12 assumes 30/360;
/// months of 28–31 days then leave the last instalment hundreds of fen off. Instead A solves
/// "balance after n payments = 0" exactly: with growth g_k = (M + b·d_k) / M, M = 3 600 000,
/// A = P·Π g_k / Σ_k Π_{j&gt;k} g_j = P·Π(M + b·d_k) / Σ_k M^k·Π_{j&gt;k}(M + b·d_j), evaluated in
/// <see cref="BigInteger"/> (a 30-year product runs to thousands of digits) and rounded half-even
/// once, so only rounding is left for the last instalment to absorb.
/// </summary>
public static class Annuity
{
    /// <param name="periodDays">Days in each instalment period, first to last.</param>
    public static long Payment(long principal, int annualRateBps, IReadOnlyList<int> periodDays)
    {
        if (principal < 0) throw new ArgumentOutOfRangeException(nameof(principal), "Principal is never negative.");
        if (annualRateBps < 0) throw new ArgumentOutOfRangeException(nameof(annualRateBps), "Rates are never negative.");
        if (periodDays.Count < 1 || periodDays.Any(d => d < 0)) throw new ArgumentOutOfRangeException(nameof(periodDays), "At least one period, none negative.");
        if (annualRateBps == 0) return Rational.RoundHalfEven(principal, (long)periodDays.Count);
        BigInteger m = InterestAccrual.Denominator, b = annualRateBps;
        BigInteger laterGrowth = 1, sum = 0; // laterGrowth = Π_{j>k}(M + b·d_j), built from the last period back
        for (var k = periodDays.Count; k >= 1; k--)
        {
            sum += BigInteger.Pow(m, k) * laterGrowth;
            laterGrowth *= m + b * periodDays[k - 1];
        }
        return (long)Rational.RoundHalfEven(principal * laterGrowth, sum);
    }
}
