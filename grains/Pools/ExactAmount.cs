namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// Royalty amounts before posting, as exact integers of 10⁻¹² minor units
/// (<see cref="Scale"/> = rate scale 10⁴ × region multiplier bps 10⁴ × compliance factor bps 10⁴).
/// Every product in the pricing chain is therefore an integer: nothing is rounded until
/// <see cref="RoundHalfEven"/> posts a cumulative amount in minor units (§2, half-even).
/// <see cref="Int128"/> holds ≈1.7·10³⁸, i.e. amounts up to ≈10²⁶ minor units; arithmetic on it is
/// <c>checked</c>, so an absurd card or report throws <see cref="OverflowException"/> instead of wrapping.
/// </summary>
public static class ExactAmount
{
    public const long Scale = 1_000_000_000_000;

    public static Int128 FromMinorUnits(long minorUnits) => (Int128)minorUnits * Scale;

    /// <summary>Rounds a non-negative exact amount to minor units, ties to the even neighbour.</summary>
    public static long RoundHalfEven(Int128 exact)
    {
        if (exact < 0) throw new ArgumentOutOfRangeException(nameof(exact), "Royalty amounts are never negative.");
        var quotient = exact / Scale;
        var twiceRemainder = (exact % Scale) * 2;
        if (twiceRemainder > Scale || (twiceRemainder == Scale && quotient % 2 == 1)) quotient++;
        return checked((long)quotient);
    }
}
