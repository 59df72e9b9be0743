namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// How a per-unit royalty rate is written. A rate is a <c>long</c> count of ten-thousandths of a
/// minor unit per unit sold (<see cref="Scale"/> = 10 000): a rate may carry up to four decimal
/// places beyond the currency's minor unit, and stays an exact integer (§2: never a double).
/// Examples in USD: 0.20 USD = 20 cents = <c>200_000</c>; 0.10 USD = <c>100_000</c>;
/// 0.0125 cents = <c>125</c>. Amounts built from rates are kept exact (see <see cref="ExactAmount"/>)
/// and rounded only when a charge is posted.
/// </summary>
public static class PerUnitRate
{
    /// <summary>Rate units per minor unit: 10 000 (four extra decimal places).</summary>
    public const long Scale = 10_000;

    /// <summary>A rate from a decimal number of minor units per unit; refuses more than four decimals.</summary>
    public static long FromMinorUnits(decimal minorUnitsPerUnit)
    {
        var scaled = minorUnitsPerUnit * Scale;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"A rate carries at most four decimals of a minor unit; {minorUnitsPerUnit} has more.", nameof(minorUnitsPerUnit));
        return (long)scaled;
    }

    /// <summary>The rate as a decimal number of minor units per unit (for display).</summary>
    public static decimal ToMinorUnits(long rate) => (decimal)rate / Scale;
}
