namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// A patent landscape (专利导航分析) of one scope on one day: the sections asked for, each null when not asked.
/// Formulas: docs/NAVIGATION.md.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record Landscape(
    DateOnly AsOf,
    LandscapeScope Scope,
    long Patents,
    TrendSection? Trend,
    HoldersSection? Holders,
    CompositionSection? Composition,
    ValueSection? Value,
    OperationsSection? Operations,
    PositioningSection? Positioning);

/// <summary>Filings per filing year and grants per grant year by status and type; growth of IPC main groups over <c>BaseYear</c>…<c>EndYear</c>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TrendSection(
    IReadOnlyList<FilingCount> Filings,
    IReadOnlyList<FilingCount> Grants,
    int BaseYear,
    int EndYear,
    IReadOnlyList<ClassGrowth> Growth,
    IReadOnlyList<string> HotSpots);

/// <param name="Share">Weight ÷ Σ weights, 4 decimals.</param>
[GenerateSerializer]
[Immutable]
public sealed record HolderRank(int Rank, string Id, string? Name, string? Kind, string? Region, long Patents, double Weight, double Share, long Value);

[GenerateSerializer]
[Immutable]
public sealed record HoldersSection(
    IReadOnlyList<HolderRank> Ranking,
    Concentration Concentration,
    IReadOnlyList<YearCount> NewEntrants,
    IReadOnlyList<HolderYearCount> PerYear,
    LifeCycleStage Stage);

/// <param name="CoOwnedShare">Co-owned patents (k ≥ 2) ÷ patents.</param>
/// <param name="AcademicShare">Patents with a university or research institute among the owners (产学研) ÷ patents.</param>
[GenerateSerializer]
[Immutable]
public sealed record CompositionSection(
    IReadOnlyList<ClassCount> Subclasses,
    IReadOnlyList<ClassCount> MainGroups,
    long CoOwned,
    double CoOwnedShare,
    long Academic,
    double AcademicShare);

/// <param name="PerHolder">Σ values ÷ holders of the scope (integer division), or null without a holder.</param>
/// <param name="Scores">GB/T 42748 legal, technical and economic score distributions (<see cref="ScoreDistribution"/>).</param>
[GenerateSerializer]
[Immutable]
public sealed record ValueSection(
    string Currency,
    long Valued,
    long Total,
    long? Min,
    long? Q1,
    long? Median,
    long? Q3,
    long? Max,
    IReadOnlyList<ValueBucket> Histogram,
    long? PerHolder,
    IReadOnlyList<HolderRank> TopHolders,
    IReadOnlyList<ScoreDistribution>? Scores = null);

/// <param name="Amount">Minor units of <c>Currency</c>; null when <see cref="OperationsDisclosure"/> withholds it.</param>
[GenerateSerializer]
[Immutable]
public sealed record OperationFigure(string Kind, string? Period, string Currency, long Count, long? Amount, int Counterparties, bool Withheld);

/// <summary>Per quarter and per year; <c>Outstanding</c>: loan principal outstanding today (period null).</summary>
[GenerateSerializer]
[Immutable]
public sealed record OperationsSection(IReadOnlyList<OperationFigure> Quarters, IReadOnlyList<OperationFigure> Years, IReadOnlyList<OperationFigure> Outstanding);

[GenerateSerializer]
[Immutable]
public sealed record FocusShare(string Key, double Focus, long Scope, double Share);

/// <summary>The focus (a holder or a region) against the whole scope: its part ÷ the scope's, per figure.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PositioningSection(
    string Focus,
    double Patents,
    double PatentShare,
    double? ValueShare,
    IReadOnlyList<FocusShare> FilingsPerYear,
    IReadOnlyList<FocusShare> Subclasses,
    IReadOnlyList<FocusShare> Operations);

/// <summary>Turns the aggregates of a scope into the sections asked for. Pure: the same facts give the same landscape.</summary>
public static class LandscapeBuilder
{
    public const int RankingSize = 20;

    /// <summary>Growth rows kept (fastest first); hot spots are marked among all.</summary>
    public const int GrowthRows = 50;

    public static Landscape Build(LandscapeFacts f, LandscapeScope scope, IReadOnlyCollection<LandscapeSection> sections, DateOnly asOf, bool admin)
    {
        bool Wants(LandscapeSection s) => sections.Count == 0 || sections.Contains(s);
        var total = f.HolderWeights.Sum();
        var ranking = f.TopHolders.Select((h, i) => new HolderRank(i + 1, h.Id, h.Name, h.Kind, h.Region, h.Patents,
            Math.Round(h.Weight, 4), total > 0 ? Math.Round(h.Weight / total, 4) : 0, h.Value)).ToList();

        TrendSection? trend = null;
        if (Wants(LandscapeSection.Trend))
        {
            var growth = Growth.Of(f.MainGroupYears.Select(g => (g.Class, g.Year, g.Filings)), asOf.Year);
            var (b, e) = Growth.Window(asOf.Year);
            trend = new TrendSection(f.Filings, f.Grants, b, e, [.. growth.Take(GrowthRows)], [.. growth.Where(g => g.HotSpot).Select(g => g.Class)]);
        }

        HoldersSection? holders = Wants(LandscapeSection.Holders)
            ? new HoldersSection(ranking, Concentration.Of(f.HolderWeights), f.NewEntrants, f.HoldersPerYear,
                LifeCycle.StageOf(f.HoldersPerYear.ToDictionary(y => y.Year, y => (y.Holders, y.Filings)), asOf.Year))
            : null;

        CompositionSection? composition = Wants(LandscapeSection.Composition)
            ? new CompositionSection(f.Subclasses, f.MainGroups, f.CoOwned, Ratio(f.CoOwned, f.Patents), f.Academic, Ratio(f.Academic, f.Patents))
            : null;

        var v = f.Value;
        ValueSection? value = Wants(LandscapeSection.Value)
            ? new ValueSection(scope.Currency, v.Valued, v.Total, v.Min, v.Q1, v.Median, v.Q3, v.Max, v.Histogram,
                f.HolderWeights.Count > 0 ? v.Total / f.HolderWeights.Count : null,
                [.. ranking.OrderByDescending(h => h.Value).ThenBy(h => h.Id, StringComparer.Ordinal)],
                ScoreDistribution.All(f.Scores ?? []))
            : null;

        OperationsSection? operations = null;
        if (Wants(LandscapeSection.Operations))
        {
            OperationFigure Figure(OperationFact o)
            {
                var shown = OperationsDisclosure.ShowsAmounts(o.Counterparties, o.OthersDeals, admin);
                return new OperationFigure(o.Kind, o.Period, o.Currency, o.Count, shown ? o.Amount : null, o.Counterparties, !shown);
            }
            operations = new OperationsSection(
                [.. f.Operations.Where(o => o.Period is { Length: 7 }).Select(Figure)],
                [.. f.Operations.Where(o => o.Period is { Length: 4 }).Select(Figure)],
                [.. f.Operations.Where(o => o.Period is null).Select(Figure)]);
        }

        PositioningSection? positioning = null;
        if (Wants(LandscapeSection.Positioning) && scope.Focus is { } focus)
        {
            positioning = new PositioningSection(focus, Math.Round(f.FocusPatents, 4), Ratio(f.FocusPatents, f.Patents),
                v.Total > 0 ? Ratio(v.FocusValue, v.Total) : null,
                [.. f.Filings.GroupBy(y => y.Year).OrderBy(g => g.Key)
                    .Select(g => Share(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Sum(y => y.Focus), g.Sum(y => y.Count)))],
                [.. f.Subclasses.Select(c => Share(c.Class, c.Focus, c.Patents))],
                [.. f.Operations.Where(o => o.Period is { Length: 4 })
                    .Select(o => Share($"{o.Kind} {o.Period} {o.Currency}", o.FocusCount, o.Count))]);
        }

        return new Landscape(asOf, scope, f.Patents, trend, holders, composition, value, operations, positioning);
    }

    private static FocusShare Share(string key, double focus, long scope) => new(key, Math.Round(focus, 4), scope, Ratio(focus, scope));

    private static double Ratio(double part, double whole) => whole > 0 ? Math.Round(part / whole, 4) : 0;
}
