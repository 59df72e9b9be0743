namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// The pricing inputs of one unit report (§5): units sold in a product category and region, and
/// the licensee's compliance state when it reported (<see cref="Compliant"/> = nothing overdue).
/// Nothing else about the licensee enters the price. A nil report (0 units) is allowed.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record UnitReport(string Category, string Region, long Units, bool Compliant);
