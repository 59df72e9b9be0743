using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Distributions;

// The §6.3 weights exactly as production computed them before the flat, segment-wise version
// (HoldingWeights): one Rational (BigInteger) addition per day, owner and patent. Kept verbatim as
// the reference the property test compares the production arithmetic with.
/// <summary>
/// §6.3: weight(p, o) = Σ over the days d in [start, end) on which p was in the pool, in force and owned by o of
/// V_p(d), the valuation in effect on d (0 before the first one). Co-owners split a day's value equally, as an exact
/// fraction: Patent Law art. 14 has licence fees of a co-owned patent shared among its co-owners, and without a
/// recorded agreement equal parts are the default. So a patent weighs the same whoever and however many own it.
/// </summary>
public static class DayByDayHoldingWeights
{
    /// <summary>The holdings of every patent, one per (patent, owner) that counted at least one day.</summary>
    public static IReadOnlyList<Holding> For(IEnumerable<PatentFacts> patents, DateOnly start, DateOnly end, out string? valuationCurrency)
    {
        var holdings = new List<Holding>();
        valuationCurrency = null;
        foreach (var patent in patents)
            holdings.AddRange(For(patent, start, end, ref valuationCurrency));
        return holdings;
    }

    private static IEnumerable<Holding> For(PatentFacts patent, DateOnly start, DateOnly end, ref string? currency)
    {
        var byOwner = new Dictionary<string, (int Days, Rational Weight)>(StringComparer.Ordinal);
        for (var day = start; day < end; day = day.AddDays(1))
        {
            if (!patent.Counts(day)) continue;
            var value = Valuation.InEffect(patent.Valuations, day)?.Value;
            if (value is { } v && v.Amount > 0)
            {
                // Weights are ratios: any currency will do, but only one, as there is no exchange rate to compare two.
                currency ??= v.Currency;
                if (v.Currency != currency)
                    throw DomainException.Unprocessable("valuation_currencies_differ",
                        $"Patent {patent.Number} is valued in {v.Currency} on {day:yyyy-MM-dd}, other patents in {currency}; add a valuation in {currency}.");
            }
            var owners = OwnerHistory.OwnersOn(patent.OwnerHistory, patent.CurrentOwners, day).Distinct().ToList();
            var part = new Rational(value is { Amount: > 0 } positive ? positive.Amount : 0, owners.Count);
            foreach (var owner in owners)
            {
                var (days, weight) = byOwner.GetValueOrDefault(owner, (0, Rational.Zero));
                byOwner[owner] = (days + 1, weight + part);
            }
        }
        return byOwner.Select(o => new Holding(patent.Number, o.Key, o.Value.Days, o.Value.Weight));
    }
}
