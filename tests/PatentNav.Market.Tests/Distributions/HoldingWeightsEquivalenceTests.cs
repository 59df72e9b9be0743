using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Patents;
using static PatentNav.Market.Tests.Distributions.DistributionFixtures;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>
/// The flat, segment-wise weights (<see cref="HoldingWeights"/>) against the day-by-day definition they replaced
/// (<see cref="DayByDayHoldingWeights"/>): the same holdings in the same order with the same exact weights, the same
/// valuation currency, or the same refusal, on random patents whose stays, end of force, valuations (ties on a date
/// included) and owner histories (co-owners coming and going) change on random days in and around the period.
/// </summary>
public class HoldingWeightsEquivalenceTests
{
    private static readonly DateOnly Origin = new(2030, 1, 1);

    private static readonly Gen<DateOnly> DayNear = Gen.Choose(-40, 420).Select(d => Origin.AddDays(d));

    private static readonly Gen<long> Amount = Gen.Frequency(
        (1, Gen.Constant(0L)),
        (6, Gen.Choose(1, 5_000_000).Select(v => (long)v)),
        (1, Gen.Choose(0, 1_000).Select(v => long.MaxValue - v))); // Σ over a year needs more than a long

    private static readonly Gen<Valuation> ValuationGen =
        from amount in Amount
        from day in DayNear
        from currency in Gen.Frequency((12, Gen.Constant("CNY")), (1, Gen.Constant("USD")))
        select Value(amount, day, currency);

    private static readonly Gen<OwnershipPeriod> PeriodGen =
        from day in DayNear
        from owners in Gen.SubListOf(["pty_a", "pty_b", "pty_c", "pty_d"]).Where(l => l.Count > 0)
        from twice in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true))) // a repeated owner counts once
        select Owned(day, twice ? [.. owners, owners[0]] : [.. owners]);

    private static readonly Gen<PoolStay> StayGen =
        from admitted in DayNear
        from length in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(1, 200).Select(l => (int?)l)))
        select new PoolStay(admitted, length is { } n ? admitted.AddDays(n) : null);

    private static readonly Gen<PatentFacts> FactsGen =
        from number in Gen.Choose(1, 9_999).Select(n => $"P{n:D4}")
        from stays in StayGen.ArrayOf().Select(s => s.Take(3).ToArray())
        from inForce in Gen.Frequency((1, Gen.Constant<DateOnly?>(null)), (4, DayNear.Select(d => (DateOnly?)d)))
        from values in ValuationGen.ArrayOf().Select(v => v.Take(5).ToArray())
        from history in PeriodGen.ArrayOf().Select(h => h.Take(4).OrderBy(p => p.From).ToArray())
        from current in Gen.SubListOf(["pty_a", "pty_e"]).Where(l => l.Count > 0)
        select new PatentFacts(number, stays, inForce, values, history, history.Length > 0 ? history[^1].OwnerIds : [.. current]);

    private static readonly Gen<(List<PatentFacts> Patents, DateOnly Start, DateOnly End)> Scenario =
        from patents in FactsGen.ArrayOf().Select(p => p.Take(5).DistinctBy(f => f.Number).ToList())
        from start in Gen.Choose(-10, 100).Select(d => Origin.AddDays(d))
        from length in Gen.Choose(0, 366)
        select (patents, start, start.AddDays(length));

    private static string Outcome(Func<(IReadOnlyList<Holding> Holdings, string? Currency)> run)
    {
        try
        {
            var (holdings, currency) = run();
            return $"{currency}: " + string.Join("; ", holdings.Select(h => $"{h.PatentNumber} {h.OwnerId} {h.Days} {h.Weight}"));
        }
        catch (DomainException e)
        {
            return $"refused {e.Code}: {e.Message}";
        }
    }

    [Fact]
    public void Segment_sums_give_exactly_the_day_by_day_weights_days_order_currency_and_refusals()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            var flat = Outcome(() => (HoldingWeights.For(s.Patents, s.Start, s.End, out var c), c));
            var daily = Outcome(() => (DayByDayHoldingWeights.For(s.Patents, s.Start, s.End, out var c), c));
            return (flat == daily).Label($"flat:  {flat}\ndaily: {daily}");
        }));
    }

    [Fact]
    public void A_year_of_a_co_owned_patent_revalued_mid_year_adds_up_by_hand()
    {
        // 2030: 100 a day from 1 January, 400 a day from 1 July (valuation); a alone until 31 March, a and b from 1 April.
        // a: 90 × 100 + 91 × 100 / 2 + 184 × 400 / 2 = 9 000 + 4 550 + 36 800 = 50 350 over 365 days.
        // b: 91 × 100 / 2 + 184 × 400 / 2 = 4 550 + 36 800 = 41 350 over 275 days.
        var patent = Patent("P1", [Value(100, new DateOnly(2029, 1, 1)), Value(400, new DateOnly(2030, 7, 1))],
            [Owned(new DateOnly(2029, 1, 1), "a"), Owned(new DateOnly(2030, 4, 1), "a", "b")]);

        var holdings = HoldingWeights.For([patent], new DateOnly(2030, 1, 1), new DateOnly(2031, 1, 1), out _);

        Assert.Equal([("a", 365, "50350"), ("b", 275, "41350")], holdings.Select(h => (h.OwnerId, h.Days, h.Weight.ToString())));
    }

    [Fact]
    public void Three_co_owners_then_two_give_a_weight_over_their_common_denominator()
    {
        // 10 days × 1000 / 3 + 20 days × 1000 / 2 = 10 000/3 + 10 000 = 40 000/3 for a and b; c 10 000/3.
        var patent = Patent("P1", [Value(1_000, new DateOnly(2029, 1, 1))],
            [Owned(new DateOnly(2029, 1, 1), "a", "b", "c"), Owned(new DateOnly(2030, 1, 11), "a", "b")]);

        var holdings = HoldingWeights.For([patent], new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 31), out _);

        Assert.Equal([("a", 30, "40000/3"), ("b", 30, "40000/3"), ("c", 10, "10000/3")], holdings.Select(h => (h.OwnerId, h.Days, h.Weight.ToString())));
    }
}
