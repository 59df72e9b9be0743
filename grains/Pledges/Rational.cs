using System.Globalization;
using System.Numerics;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Exact integer arithmetic for pledge money (§2): amounts stay numerators over a fixed
/// denominator (<see cref="InterestAccrual.Denominator"/> for interest, 10 000 for bps products)
/// and are rounded only when posted. Generic over <see cref="Int128"/> (day-to-day accrual) and
/// <see cref="BigInteger"/> (the annuity formula, whose powers outgrow any fixed width).
/// </summary>
public static class Rational
{
    /// <summary>⌊n / d⌋ for d &gt; 0, rounding towards −∞ (C# division truncates towards zero).</summary>
    public static T FloorDiv<T>(T numerator, T denominator) where T : IBinaryInteger<T>
    {
        if (denominator <= T.Zero) throw new ArgumentOutOfRangeException(nameof(denominator), "The denominator is positive.");
        var (quotient, remainder) = T.DivRem(numerator, denominator);
        return remainder < T.Zero ? quotient - T.One : quotient;
    }

    /// <summary>n / d to the nearest integer, ties to the even neighbour (§2), for any sign of n and d &gt; 0.</summary>
    public static T RoundHalfEven<T>(T numerator, T denominator) where T : IBinaryInteger<T>
    {
        var quotient = FloorDiv(numerator, denominator);
        var twiceRemainder = (numerator - quotient * denominator) * T.CreateChecked(2);
        if (twiceRemainder > denominator || (twiceRemainder == denominator && !T.IsEvenInteger(quotient))) quotient++;
        return quotient;
    }

    /// <summary>Minor units as a human amount for refusal messages: 50000000 CNY → "500000.00 CNY".</summary>
    public static string Format(long minorUnits, string currency, int exponent)
    {
        var value = (decimal)minorUnits;
        for (var i = 0; i < exponent; i++) value /= 10;
        return value.ToString("F" + exponent, CultureInfo.InvariantCulture) + " " + currency;
    }
}
