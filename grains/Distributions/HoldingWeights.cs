using System.Numerics;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Distributions;

/// <summary>One stay of a patent in the pool: in from <c>AdmittedOn</c>, out from <c>WithdrawnOn</c> (exclusive).</summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolStay(DateOnly AdmittedOn, DateOnly? WithdrawnOn)
{
    public bool Covers(DateOnly day) => day >= AdmittedOn && (WithdrawnOn is null || day < WithdrawnOn);
}

/// <summary>
/// What a distribution needs to know about one patent: when it was in the pool, the first day it was no longer in force
/// (<c>InForceUntil</c>: the end of its term, or the day it lapsed or was invalidated; null: no day at all), its valuations
/// and who owned it when.
/// </summary>
[GenerateSerializer]
public sealed record PatentFacts(
    string Number,
    IReadOnlyList<PoolStay> Stays,
    DateOnly? InForceUntil,
    IReadOnlyList<Valuation> Valuations,
    IReadOnlyList<OwnershipPeriod> OwnerHistory,
    IReadOnlyList<string> CurrentOwners)
{
    /// <summary>
    /// From a patent as recorded. A lapse or invalidation with its date ends the days in force there
    /// (<see cref="EndOfForce.InForceUntil"/>); one recorded without a date counts no day, as the market cannot tell how long
    /// the patent was in force. An invalidated patent is deemed never to have existed (Patent Law art. 47), but the decision
    /// does not reach back to licence contracts already performed, so royalties collected before the decision are shared.
    /// </summary>
    public static PatentFacts From(PatentView patent, IEnumerable<PoolStay> stays) => new(
        patent.Number, [.. stays], EndOfForce.InForceUntil(patent.Status, patent.EndOfForce, patent.ExpiresOn),
        patent.Valuations, patent.OwnerHistory ?? [], patent.OwnerIds);

    /// <summary>In the pool and in force on <paramref name="day"/> (in force: before the term ends, lapse or invalidation).</summary>
    public bool Counts(DateOnly day) => day < InForceUntil && Stays.Any(s => s.Covers(day));
}

/// <summary>
/// §6.3: weight(p, o) = Σ over the days d in [start, end) on which p was in the pool, in force and owned by o of
/// V_p(d), the valuation in effect on d (0 before the first one). Co-owners split a day's value equally, as an exact
/// fraction: Patent Law art. 14 has licence fees of a co-owned patent shared among its co-owners, and without a
/// recorded agreement equal parts are the default. So a patent weighs the same whoever and however many own it.
/// </summary>
/// <remarks>
/// Computed per segment, not per day: between two consecutive dates on which something about the patent changes (a
/// stay begins or ends, it leaves force, a valuation takes effect, the owners change) every day counts alike, so a
/// segment of n days adds n × V to each owner's sum. Sums are kept flat and exact: per owner, an <see cref="Int128"/>
/// sum of whole value-days for each number k of co-owners it shared a day with (V/k per day: Σ V·n over those days,
/// divided by k once at the end), and only the final weight becomes a <see cref="Rational"/>. The day-by-day
/// definition above, with one rational addition per day, gives the same result (a property test compares the two);
/// it allocated about 2 GB for 10 000 patents × 365 days, this a few objects per holding.
/// </remarks>
public static class HoldingWeights
{
    /// <summary>The holdings of every patent, one per (patent, owner) that counted at least one day.</summary>
    public static IReadOnlyList<Holding> For(IEnumerable<PatentFacts> patents, DateOnly start, DateOnly end, out string? valuationCurrency)
    {
        var holdings = new List<Holding>();
        valuationCurrency = null;
        foreach (var patent in patents)
            For(patent, start, end, ref valuationCurrency, holdings);
        return holdings;
    }

    /// <summary>One owner's days and its exact value-days per co-owner count, in the order it first counted.</summary>
    private sealed class Sums
    {
        public int Days;
        public int K = 1;
        public Int128 Sum;                        // value-days shared by K owners
        public List<(int K, Int128 Sum)>? Others; // value-days shared by other counts (rare: the owners changed in number)

        public void Add(int k, Int128 valueDays)
        {
            if (Sum == 0 && Others is null) K = k;
            if (k == K) { Sum = checked(Sum + valueDays); return; }
            Others ??= [];
            var i = Others.FindIndex(o => o.K == k);
            if (i < 0) Others.Add((k, valueDays));
            else Others[i] = (k, checked(Others[i].Sum + valueDays));
        }

        /// <summary>Σ Sum_k / k over a common denominator, in lowest terms (the Rational constructor reduces it).</summary>
        public Rational Weight()
        {
            if (Others is null) return new Rational(Sum, K);
            BigInteger common = K;
            foreach (var (k, _) in Others) common = common / BigInteger.GreatestCommonDivisor(common, k) * k;
            var numerator = (BigInteger)Sum * (common / K);
            foreach (var (k, sum) in Others) numerator += (BigInteger)sum * (common / k);
            return new Rational(numerator, common);
        }
    }

    private static void For(PatentFacts patent, DateOnly start, DateOnly end, ref string? currency, List<Holding> holdings)
    {
        if (start >= end) return;
        // Every day on which Counts, the valuation in effect or the owners can change starts a new segment.
        var cuts = new List<int> { start.DayNumber, end.DayNumber };
        void Cut(DateOnly? day) { if (day is { } d && d > start && d < end) cuts.Add(d.DayNumber); }
        foreach (var stay in patent.Stays) { Cut(stay.AdmittedOn); Cut(stay.WithdrawnOn); }
        Cut(patent.InForceUntil);
        foreach (var valuation in patent.Valuations) Cut(valuation.EffectiveDate);
        foreach (var period in patent.OwnerHistory) Cut(period.From);
        cuts.Sort();

        var byOwner = new Dictionary<string, Sums>(StringComparer.Ordinal); // enumerates in insertion order: first day counted
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var length = cuts[i + 1] - cuts[i];
            if (length == 0) continue;
            var day = DateOnly.FromDayNumber(cuts[i]); // every day of [day, day + length) is alike
            if (!patent.Counts(day)) continue;
            var value = Valuation.InEffect(patent.Valuations, day)?.Value;
            if (value is { } v && v.Amount > 0)
            {
                // Weights are ratios: any currency will do, but only one, as there is no exchange rate to compare two.
                // The segment's first day is the first day of it the day-by-day rule would have refused.
                currency ??= v.Currency;
                if (v.Currency != currency)
                    throw DomainException.Unprocessable("valuation_currencies_differ",
                        $"Patent {patent.Number} is valued in {v.Currency} on {day:yyyy-MM-dd}, other patents in {currency}; add a valuation in {currency}.");
            }
            var owners = OwnerHistory.OwnersOn(patent.OwnerHistory, patent.CurrentOwners, day).Distinct().ToList();
            if (owners.Count == 0)
                throw new InvalidOperationException($"Patent {patent.Number} has no owner on {day:yyyy-MM-dd}: a day's value cannot be split among nobody.");
            var valueDays = (Int128)(value is { Amount: > 0 } positive ? positive.Amount : 0) * length;
            foreach (var owner in owners)
            {
                if (!byOwner.TryGetValue(owner, out var sums)) byOwner[owner] = sums = new Sums();
                sums.Days += length;
                sums.Add(owners.Count, valueDays);
            }
        }
        foreach (var (owner, sums) in byOwner) holdings.Add(new Holding(patent.Number, owner, sums.Days, sums.Weight()));
    }
}
