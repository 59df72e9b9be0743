using System.Numerics;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Distributions;

/// <summary>What one owner earned with one patent over the period: the days it counted and their value (§6.3).</summary>
[GenerateSerializer]
public sealed record Holding(string PatentNumber, string OwnerId, int Days, Rational Weight);

/// <summary>A holding and its share of the distributable amount, in minor units.</summary>
[GenerateSerializer]
public sealed record HoldingShare(string PatentNumber, string OwnerId, int Days, Rational Weight, long Share);

/// <summary>The money of a distribution: C, F = floor(C × bps / 10 000), D = C − F, and D split over the holdings.</summary>
[GenerateSerializer]
public sealed record DistributionAmounts(Money Collected, int AdminFeeBps, Money AdminFee, Money Distributable, IReadOnlyList<HoldingShare> Shares);

/// <summary>
/// §6 steps 2–4, pure: the admin fee, then D split in proportion to the holdings' weights. Each exact share
/// D × weight / Σ weights is floored; the minor units left over (fewer than there are holdings) go one by one
/// to the largest fractional remainders, ties to the lower patent number, then the lower owner id (ordinal),
/// so that Σ shares = D exactly and the same input always gives the same output.
/// </summary>
public static class DistributionCalculator
{
    public const int BpsDenominator = 10_000;

    public static DistributionAmounts Compute(Money collected, int adminFeeBps, IReadOnlyList<Holding> holdings)
    {
        if (collected.Amount < 0) throw new ArgumentOutOfRangeException(nameof(collected), "Collected cash is never negative.");
        if (adminFeeBps is < 0 or > BpsDenominator) throw new ArgumentOutOfRangeException(nameof(adminFeeBps));
        if (holdings.Select(h => (h.PatentNumber, h.OwnerId)).Distinct().Count() != holdings.Count)
            throw new ArgumentException("One holding per patent and owner.", nameof(holdings));

        // Int128: C × 10 000 overflows a long for C above ~9.2 × 10^14 minor units.
        var fee = (long)((Int128)collected.Amount * adminFeeBps / BpsDenominator);
        var distributable = collected.Amount - fee;
        var total = holdings.Aggregate(Rational.Zero, (sum, h) => sum + h.Weight);
        if (total.IsZero)
            throw DomainException.Unprocessable("no_weight",
                "No patent of the pool had any value on a day it was in the pool and in force in this period; nothing can be shared and the cash stays put.");

        // share = D × (w.N / w.D) / (W.N / W.D) = (D × w.N × W.D) / (w.D × W.N): quotient and remainder over a common form.
        var exact = holdings.Select(h =>
        {
            var numerator = distributable * h.Weight.Numerator * total.Denominator;
            var denominator = h.Weight.Denominator * total.Numerator;
            var floor = BigInteger.DivRem(numerator, denominator, out var remainder);
            return (Holding: h, Floor: (long)floor, Remainder: new Rational(remainder, denominator));
        }).ToList();

        var left = distributable - exact.Sum(e => e.Floor);
        var bonus = exact
            .OrderByDescending(e => e.Remainder)
            .ThenBy(e => e.Holding.PatentNumber, StringComparer.Ordinal)
            .ThenBy(e => e.Holding.OwnerId, StringComparer.Ordinal)
            .Take((int)left)
            .Select(e => e.Holding)
            .ToHashSet();

        var shares = exact
            .Select(e => new HoldingShare(e.Holding.PatentNumber, e.Holding.OwnerId, e.Holding.Days, e.Holding.Weight, e.Floor + (bonus.Contains(e.Holding) ? 1 : 0)))
            .OrderBy(s => s.PatentNumber, StringComparer.Ordinal)
            .ThenBy(s => s.OwnerId, StringComparer.Ordinal)
            .ToList();
        return new DistributionAmounts(collected, adminFeeBps, new Money(fee, collected.Currency), new Money(distributable, collected.Currency), shares);
    }
}
