using System.Globalization;
using System.Numerics;

namespace PatentNav.Market.Grains.Distributions;

/// <summary>
/// An exact non-negative fraction in lowest terms (§2: shares are exact rationals, rounded only when posted).
/// Weights are sums of daily values split among co-owners, so they need fractions a <c>long</c> cannot hold
/// exactly; <see cref="BigInteger"/> keeps every step exact and free of overflow.
/// Written <c>"n"</c> or <c>"n/d"</c>.
/// </summary>
[GenerateSerializer]
public readonly record struct Rational : IComparable<Rational>
{
    [Id(0)]
    public BigInteger Numerator { get; }
    [Id(1)]
    public BigInteger Denominator { get; }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(denominator), "The denominator must be positive.");
        if (numerator.Sign < 0) throw new ArgumentOutOfRangeException(nameof(numerator), "Weights are never negative.");
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (gcd.IsZero) gcd = BigInteger.One;
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    public static Rational Zero => new(0, 1);

    public static Rational Whole(BigInteger value) => new(value, 1);

    public bool IsZero => Numerator.IsZero;

    public static Rational operator +(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    public static Rational Parse(string text)
    {
        var slash = text.IndexOf('/');
        return slash < 0
            ? Whole(BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture))
            : new Rational(BigInteger.Parse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture),
                BigInteger.Parse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
