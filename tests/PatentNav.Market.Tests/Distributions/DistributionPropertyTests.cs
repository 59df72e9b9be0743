using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Patents;
using static PatentNav.Market.Tests.Distributions.DistributionFixtures;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>§6 invariants over random pools: money is conserved exactly, nothing is negative, more value never earns less.</summary>
public class DistributionPropertyTests
{
    private static Config Runs(int n) => Config.QuickThrowOnFailure.WithMaxTest(n);

    private static readonly Gen<long> Cash = Gen.Frequency(
        (3, Gen.Choose(0, 1_000_000).Select(v => (long)v)),
        (2, from hi in Gen.Choose(0, 1 << 22) from lo in Gen.Choose(0, int.MaxValue) select (long)hi * int.MaxValue + lo),
        (1, Gen.Choose(0, 1_000).Select(v => long.MaxValue - v)));

    private static readonly Gen<Rational> Weight =
        from num in Gen.Frequency((1, Gen.Constant(0L)), (4, from hi in Gen.Choose(0, 500_000) from lo in Gen.Choose(0, 1_000_000) select (long)hi * 1_000_000 + lo))
        from den in Gen.Choose(1, 6)
        select new Rational(num, den);

    /// <summary>1–8 holdings on distinct (patent, owner) pairs with at least one positive weight.</summary>
    private static readonly Gen<List<Holding>> Holdings =
        from pairs in Gen.SubListOf([.. from p in Enumerable.Range(1, 4) from o in "abc" select (Patent: $"P{p}", Owner: $"pty_{o}")]).Where(l => l.Count > 0)
        from weights in Weight.ArrayOf(pairs.Count)
        from days in Gen.Choose(1, 92).ArrayOf(pairs.Count)
        select pairs.Select((pair, i) => new Holding(pair.Patent, pair.Owner, days[i], i == 0 ? weights[i] + Rational.Whole(1) : weights[i])).ToList();

    private static readonly Gen<(long Cash, int Bps, List<Holding> Holdings)> Scenario =
        from cash in Cash
        from bps in Gen.Frequency((1, Gen.Elements(0, 10_000)), (4, Gen.Choose(0, 10_000)))
        from holdings in Holdings
        select (cash, bps, holdings);

    private static DistributionAmounts Compute((long Cash, int Bps, List<Holding> Holdings) s) =>
        DistributionCalculator.Compute(new Money(s.Cash, "CNY"), s.Bps, s.Holdings);

    [Fact]
    public void Shares_sum_to_D_fee_and_D_sum_to_C_and_no_share_is_negative()
    {
        Check.One(Runs(500), Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            var a = Compute(s);
            var shares = a.Shares.Aggregate(Int128.Zero, (sum, x) => sum + x.Share);
            return a.AdminFee.Amount + a.Distributable.Amount == s.Cash
                && a.AdminFee.Amount == (long)((Int128)s.Cash * s.Bps / 10_000)
                && shares == a.Distributable.Amount
                && a.Shares.All(x => x.Share >= 0)
                && a.Shares.Count == s.Holdings.Count;
        }));
    }

    [Fact]
    public void Each_share_is_its_exact_share_floored_or_one_unit_more()
    {
        Check.One(Runs(300), Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            var a = Compute(s);
            var total = s.Holdings.Aggregate(Rational.Zero, (sum, h) => sum + h.Weight);
            return a.Shares.All(x =>
            {
                var w = x.Weight;
                var floor = a.Distributable.Amount * w.Numerator * total.Denominator / (w.Denominator * total.Numerator);
                return x.Share == floor || x.Share == floor + 1;
            });
        }));
    }

    [Fact]
    public void The_same_input_in_any_order_gives_the_same_output()
    {
        var gen = from s in Scenario from order in Gen.Shuffle(s.Holdings.ToArray()) select (s, order);
        Check.One(Runs(300), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var first = Compute(t.s).Shares;
            var again = Compute(t.s).Shares;
            var shuffled = Compute(t.s with { Holdings = [.. t.order] }).Shares;
            return first.SequenceEqual(again) && first.SequenceEqual(shuffled);
        }));
    }

    // ---- "a share never falls when its patent's value rises", on patents built day by day ----

    /// <summary>Each patent's value and owners on each of a few days from 1 January 2030.</summary>
    private sealed record Day(long Value, string[] Owners);

    private static readonly Gen<Day> DayGen =
        from value in Gen.Frequency((1, Gen.Constant(0L)), (5, Gen.Choose(1, 1_000_000_000).Select(v => (long)v)))
        from owners in Gen.SubListOf(["pty_a", "pty_b", "pty_c"]).Where(l => l.Count > 0)
        select new Day(value, [.. owners]);

    private static PatentFacts Facts(string number, IReadOnlyList<Day> days) => Patent(number,
        [.. days.Select((d, i) => Value(d.Value, Q1Start.AddDays(i)))],
        [.. days.Select((d, i) => Owned(Q1Start.AddDays(i), d.Owners))]);

    private static Dictionary<(string, string), long> Shares(long cash, IReadOnlyList<IReadOnlyList<Day>> patents)
    {
        var facts = patents.Select((days, i) => Facts($"P{i}", days)).ToList();
        var holdings = HoldingWeights.For(facts, Q1Start, Q1Start.AddDays(patents[0].Count), out _);
        if (holdings.All(h => h.Weight.IsZero)) return [];
        return DistributionCalculator.Compute(new Money(cash, "CNY"), 1_500, holdings).Shares.ToDictionary(s => (s.PatentNumber, s.OwnerId), s => s.Share);
    }

    private static readonly Gen<(long Cash, List<IReadOnlyList<Day>> Patents)> Pool =
        from dayCount in Gen.Choose(1, 8)
        from patents in DayGen.ArrayOf(dayCount).Select(d => (IReadOnlyList<Day>)d).ListOf().Select(l => l.Take(4).ToList()).Where(l => l.Count > 0)
        from cash in Gen.Choose(0, 100_000)
        select ((long)cash, patents);

    [Fact]
    public void A_sole_owners_share_never_falls_when_its_patents_value_rises_on_any_days()
    {
        var gen =
            from pool in Pool
            from raises in Gen.Choose(0, 3).Select(r => r == 0 ? 0 : Math.Max(1, r * 1_000)).ArrayOf(pool.Patents[0].Count)
            select (pool, raises);
        Check.One(Runs(500), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            // Patent P0 has one owner throughout; raise its value on some days.
            var sole = t.pool.Patents[0].Select(d => d with { Owners = ["pty_a"] }).ToList();
            var before = t.pool.Patents.Skip(1).Prepend(sole).ToList();
            var after = t.pool.Patents.Skip(1).Prepend(sole.Select((d, i) => d with { Value = d.Value + t.raises[i] }).ToList()).ToList();
            var (s0, s1) = (Shares(t.pool.Cash, before), Shares(t.pool.Cash, after));
            return s0.GetValueOrDefault(("P0", "pty_a")) <= s1.GetValueOrDefault(("P0", "pty_a"));
        }));
    }

    /// <summary>
    /// Co-owned and re-owned patents: the patent's total (Σ over its owners) never falls when its value rises by the
    /// same factor on every day. (One co-owner's unit from the largest-remainder step may move to another co-owner,
    /// and a rise on days someone else owned it lowers that owner's exact share: that is proportionality, not rounding.)
    /// </summary>
    [Fact]
    public void A_patents_total_share_never_falls_when_its_value_rises()
    {
        var gen = from pool in Pool from factor in Gen.Choose(2, 5) select (pool, factor);
        Check.One(Runs(500), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var after = t.pool.Patents.Select((days, i) => i == 0 ? days.Select(d => d with { Value = d.Value * t.factor }).ToList() : days).ToList();
            long Total(Dictionary<(string, string), long> shares) => shares.Where(s => s.Key.Item1 == "P0").Sum(s => s.Value);
            return Total(Shares(t.pool.Cash, t.pool.Patents)) <= Total(Shares(t.pool.Cash, after));
        }));
    }
}
