using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// The outcome of pricing one report: the <see cref="Amount"/> to invoice (never negative), the
/// licence-year position to store, where the units fell (<see cref="UnitsBefore"/>+1 ..
/// <see cref="UnitsAfter"/> of the year in the category), and the report's exact
/// <see cref="Uncapped"/> royalty (in <see cref="ExactAmount"/> units) before caps and de minimis.
/// </summary>
[GenerateSerializer]
public sealed record RoyaltyCharge(Money Amount, LicenceYearPosition After, long UnitsBefore, long UnitsAfter, Int128 Uncapped);
