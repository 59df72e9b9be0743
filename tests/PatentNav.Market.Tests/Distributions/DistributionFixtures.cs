using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>Patents as a distribution sees them, built tersely for the pure tests.</summary>
public static class DistributionFixtures
{
    public static readonly DateOnly Q1Start = new(2030, 1, 1);
    public static readonly DateOnly Q1End = new(2030, 4, 1); // 90 days

    public static Valuation Value(long amount, DateOnly effective, string currency = "CNY") =>
        new($"val_{amount}_{effective:yyyyMMdd}", new Money(amount, currency), ValuationMethod.Income, null, effective, null, null, DateTimeOffset.UnixEpoch);

    public static OwnershipPeriod Owned(DateOnly from, params string[] owners) => new(from, owners);

    /// <summary>A patent in the pool all quarter, in force, owned and valued as given.</summary>
    public static PatentFacts Patent(string number, Valuation[] values, OwnershipPeriod[] owners,
        PoolStay[]? stays = null, DateOnly? expiresOn = null, bool isVoid = false) =>
        new(number, stays ?? [new PoolStay(new DateOnly(2029, 1, 1), null)], isVoid ? null : expiresOn ?? new DateOnly(2040, 1, 1),
            values, owners, owners.Length > 0 ? owners[^1].OwnerIds : []);

    public static IReadOnlyList<Holding> Q1(params PatentFacts[] patents) => HoldingWeights.For(patents, Q1Start, Q1End, out _);
}
