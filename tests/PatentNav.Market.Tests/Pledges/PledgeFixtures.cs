using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.Tests.Pledges;

/// <summary>A default product, collateral helpers, and FsCheck generators for the pledge domain.</summary>
internal static class PledgeFixtures
{
    public static readonly DateOnly Today = new(2026, 3, 1);

    /// <summary>4.35 % a year (the former 1-year benchmark), 12 months, bullet, 10 grace days, 10 % buffer, 30-day cure.</summary>
    public static FinancierProduct Product(RepaymentKind schedule = RepaymentKind.Bullet) =>
        new("bank-1", "IP pledge loan", "CNY", LtvCaps.Default, 435, 12, schedule, 10, 1_000, 30);

    /// <summary>Whole yuan as fen: Cny(1_000_000) = 100 000 000.</summary>
    public static long Cny(long yuan) => yuan * 100;

    public static CollateralItem Patent(PatentType type, long fen, DateOnly? valued = null) =>
        new(type, new Money(fen, "CNY"), valued ?? Today.AddMonths(-1));

    public static DomainException Refusal(Action act) => Assert.Throws<DomainException>(act);

    public static Config Runs(int n) => Config.QuickThrowOnFailure.WithMaxTest(n);

    /// <summary>Amounts in fen from 1 fen to ≈ 1 billion CNY, biased to small values where rounding bites.</summary>
    public static readonly Gen<long> Amount = Gen.Frequency(
        (1, Gen.Choose(1, 1_000).Select(v => (long)v)),
        (3, from hi in Gen.Choose(0, 100_000) from lo in Gen.Choose(1, 1_000_000) select (long)hi * 1_000_000 + lo));

    public static readonly Gen<int> RateBps = Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 2_400)), (1, Gen.Choose(2_400, 10_000)));

    /// <summary>Consecutive periods: (principal outstanding, days), as a loan whose principal changes over time.</summary>
    public static readonly Gen<List<(long Principal, int Days)>> Periods =
        (from principal in Amount from days in Gen.Choose(0, 62) select (principal, days))
        .ListOf().Select(l => l.Take(14).ToList());

    /// <summary>Accrues the periods from <see cref="Today"/>, posting after each one; returns the posts and the final accrual.</summary>
    public static (List<long> Posts, InterestAccrual Accrual) AccrueAndPost(int bps, IEnumerable<(long Principal, int Days)> periods)
    {
        var accrual = InterestAccrual.None;
        var posts = new List<long>();
        var day = Today;
        foreach (var (principal, days) in periods)
        {
            accrual = accrual.Accrue(principal, bps, day, day.AddDays(days));
            day = day.AddDays(days);
            var (amount, after) = accrual.Post();
            posts.Add(amount);
            accrual = after;
        }
        return (posts, accrual);
    }
}
