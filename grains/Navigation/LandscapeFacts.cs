namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// The aggregates a landscape is computed from, as the catalogue and the deal records give them for one scope
/// (<see cref="Queries.ILandscapeQueries"/>): counts per year, class and holder, value quantiles, deals per period.
/// <see cref="LandscapeBuilder"/> turns them into the sections; every figure in a landscape is one of these or a
/// formula of docs/NAVIGATION.md over them.
/// </summary>
/// <param name="FocusPatents">Patents of the scope held by the focus, each counted (owners in the focus) ÷ k.</param>
/// <param name="HolderWeights">Every holder's weight Σ 1/k (for HHI and CR_n).</param>
/// <param name="Scores">GB/T 42748 scores of the valuations in effect, per dimension and score.</param>
/// <param name="TopHolders">The holders with the largest weights (ties: id), at most <see cref="LandscapeBuilder.RankingSize"/>.</param>
public sealed record LandscapeFacts(
    long Patents,
    IReadOnlyList<FilingCount> Filings,
    IReadOnlyList<FilingCount> Grants,
    IReadOnlyList<ClassYearCount> MainGroupYears,
    IReadOnlyList<ClassCount> Subclasses,
    IReadOnlyList<ClassCount> MainGroups,
    IReadOnlyList<double> HolderWeights,
    IReadOnlyList<HolderFact> TopHolders,
    IReadOnlyList<YearCount> NewEntrants,
    IReadOnlyList<HolderYearCount> HoldersPerYear,
    long CoOwned,
    long Academic,
    double FocusPatents,
    ValueFacts Value,
    IReadOnlyList<OperationFact> Operations,
    IReadOnlyList<ScoreCount>? Scores = null);

/// <summary>Filings (by filing year) or grants (by grant year) of one status and type; <c>Focus</c>: the focus's part.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FilingCount(int Year, string Status, string Type, long Count, double Focus = 0);

[GenerateSerializer]
[Immutable]
public sealed record ClassYearCount(string Class, int Year, long Filings);

/// <summary>Patents with at least one IPC symbol in the class; <c>Focus</c>: the focus's part.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ClassCount(string Class, long Patents, double Focus = 0);

[GenerateSerializer]
[Immutable]
public sealed record YearCount(int Year, long Count);

/// <summary>Distinct holders filing in a year, and the filings.</summary>
[GenerateSerializer]
[Immutable]
public sealed record HolderYearCount(int Year, long Holders, long Filings);

/// <param name="Weight">Σ 1/k over its patents in scope.</param>
/// <param name="Value">Σ value/k over its valued patents in scope, minor units of the scope's currency.</param>
public sealed record HolderFact(string Id, string? Name, string? Kind, string? Region, double Weight, long Patents, int FirstYear, long Value);

/// <summary>Current valuations in the scope's currency: nearest-rank quartiles and the histogram buckets.</summary>
/// <param name="FocusValue">Σ value × (owners in the focus ÷ k).</param>
public sealed record ValueFacts(long Valued, long Total, long? Min, long? Q1, long? Median, long? Q3, long? Max, IReadOnlyList<ValueBucket> Histogram, double FocusValue);

/// <summary>Valued patents with <c>From</c> ≤ value &lt; <c>To</c> (minor units; <c>To</c> null: no upper bound).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ValueBucket(long From, long? To, long Patents);

/// <summary>
/// Deals of one kind in one period (<c>2026</c> or <c>2026-Q3</c>; null for a figure as of today) that touch the scope.
/// <c>OthersDeals</c>: deals the caller's party is not a party to (<see cref="OperationsDisclosure"/>).
/// </summary>
public sealed record OperationFact(string Kind, string? Period, string Currency, long Count, long? Amount, int Counterparties, int OthersDeals, long FocusCount);
