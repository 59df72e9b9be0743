namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// Growth of a class (§10): compound annual growth of filings over the last N complete years. With end year
/// e = the last complete year and base year b = e − N, CAGR = (f_e ÷ f_b)^(1/N) − 1; undefined when f_b = 0.
/// A hot spot is a class in the top decile of growth (⌈count ÷ 10⌉ classes, at least one) among those with at least
/// <see cref="HotSpotMinimum"/> filings in the years b…e.
/// </summary>
public static class Growth
{
    public const int DefaultYears = 3;

    /// <summary>Filings in years b…e a class needs to be a hot spot, so that 1 → 3 filings is not a trend.</summary>
    public const int HotSpotMinimum = 5;

    /// <summary>The base and end years for a scope computed in <paramref name="currentYear"/>.</summary>
    public static (int Base, int End) Window(int currentYear, int years = DefaultYears) => (currentYear - 1 - years, currentYear - 1);

    /// <summary>CAGR from <paramref name="baseFilings"/> to <paramref name="endFilings"/> over <paramref name="years"/> years; null when the base is 0.</summary>
    public static double? Cagr(long baseFilings, long endFilings, int years = DefaultYears) =>
        baseFilings <= 0 ? null : Math.Round(Math.Pow((double)endFilings / baseFilings, 1.0 / years) - 1, 4);

    /// <summary>Growth of every class from its filings per year, fastest first (undefined last, then by name).</summary>
    public static IReadOnlyList<ClassGrowth> Of(IEnumerable<(string Class, int Year, long Filings)> filings, int currentYear, int years = DefaultYears)
    {
        var (b, e) = Window(currentYear, years);
        return filings.GroupBy(f => f.Class)
            .Select(g =>
            {
                long In(int year) => g.Where(f => f.Year == year).Sum(f => f.Filings);
                var window = g.Where(f => f.Year >= b && f.Year <= e).Sum(f => f.Filings);
                return new ClassGrowth(g.Key, In(b), In(e), window, Cagr(In(b), In(e), years), false);
            })
            .OrderByDescending(c => c.Cagr ?? double.NegativeInfinity).ThenBy(c => c.Class, StringComparer.Ordinal)
            .ToList() is var all ? MarkHotSpots(all) : [];
    }

    private static List<ClassGrowth> MarkHotSpots(List<ClassGrowth> all)
    {
        var eligible = all.Where(c => c.Cagr is not null && c.WindowFilings >= HotSpotMinimum).ToList();
        var hot = eligible.Take(Math.Max(1, (eligible.Count + 9) / 10)).Select(c => c.Class).ToHashSet();
        return [.. all.Select(c => hot.Contains(c.Class) ? c with { HotSpot = true } : c)];
    }
}

/// <param name="WindowFilings">Filings in the base year through the end year.</param>
[GenerateSerializer]
[Immutable]
public sealed record ClassGrowth(
    [property: Id(0)] string Class,
    [property: Id(1)] long BaseFilings,
    [property: Id(2)] long EndFilings,
    [property: Id(3)] long WindowFilings,
    [property: Id(4)] double? Cagr,
    [property: Id(5)] bool HotSpot);
