using System.Globalization;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Distributions;

/// <summary>
/// Which periods can be distributed, and how a distribution is named. A period is exactly one of the pool's
/// distribution periods (a calendar quarter, half-year or year per its charter), so periods never overlap and
/// every reporting quarter's collections belong to exactly one distribution.
/// </summary>
public static class DistributionPeriodRules
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>422 <c>period_not_aligned</c> unless [start, end) is one whole distribution period of the charter.</summary>
    public static void RequireAligned(DistributionPeriod period, DateOnly start, DateOnly end)
    {
        if (start != DistributionPeriods.CurrentStart(period, start) || end != start.AddMonths(DistributionPeriods.MonthsIn(period)))
            throw DomainException.Unprocessable("period_not_aligned",
                $"This pool distributes per {DistributionPeriods.MonthsIn(period)} calendar months: periodStart must be the first day of one "
                + $"(e.g. {DistributionPeriods.CurrentStart(period, start):yyyy-MM-dd}) and periodEnd the first day of the next.", "periodStart");
    }

    /// <summary>The reporting quarters (<c>2026-Q3</c>) whose collections a period distributes.</summary>
    public static IEnumerable<string> Quarters(DateOnly start, DateOnly end)
    {
        for (var day = start; day < end; day = day.AddMonths(3))
            yield return ReportingPeriod.Containing(day).ToString();
    }

    /// <summary>The grain key: <c>{poolId}:{start}:{end}</c>.</summary>
    public static string Key(string poolId, DateOnly start, DateOnly end) => $"{poolId}:{start.ToString(DateFormat, CultureInfo.InvariantCulture)}:{end.ToString(DateFormat, CultureInfo.InvariantCulture)}";

    /// <summary>The id within a pool, as in URLs: <c>{start}_{end}</c>, e.g. <c>2026-07-01_2026-10-01</c>.</summary>
    public static string Id(DateOnly start, DateOnly end) => $"{start.ToString(DateFormat, CultureInfo.InvariantCulture)}_{end.ToString(DateFormat, CultureInfo.InvariantCulture)}";

    /// <summary>The id of the n-th supplementary distribution of late cash: <c>{start}_{end}_s{n}</c>.</summary>
    public static string SupplementId(DateOnly start, DateOnly end, int supplement) => $"{Id(start, end)}_s{supplement.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The grain key's part of a supplement's posting id: <c>{key}:s{n}</c>.</summary>
    public static string SupplementKey(string key, int supplement) => $"{key}:s{supplement.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParseId(string? id, out DateOnly start, out DateOnly end) =>
        TryParseId(id, out start, out end, out var supplement) && supplement is null;

    /// <summary>Parses a distribution id, <c>{start}_{end}</c>, or a supplement's, <c>{start}_{end}_s{n}</c> (n ≥ 1).</summary>
    public static bool TryParseId(string? id, out DateOnly start, out DateOnly end, out int? supplement)
    {
        start = end = default;
        supplement = null;
        var parts = id?.Split('_');
        if (parts is not ([_, _] or [_, _, _])) return false;
        if (parts.Length == 3)
        {
            if (parts[2] is not ['s', .. var digits] || digits.Length is 0 or > 6 || !digits.All(char.IsAsciiDigit) || digits[0] == '0') return false;
            supplement = int.Parse(digits, CultureInfo.InvariantCulture);
        }
        return DateOnly.TryParseExact(parts[0], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
            && DateOnly.TryParseExact(parts[1], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out end)
            && start < end;
    }

    /// <summary>Splits a grain key back into pool id and period.</summary>
    public static (string PoolId, DateOnly Start, DateOnly End) ParseKey(string key)
    {
        var parts = key.Split(':');
        if (parts.Length != 3
            || !DateOnly.TryParseExact(parts[1], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(parts[2], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            throw new ArgumentException($"'{key}' is not a distribution key ({{poolId}}:{{start}}:{{end}}).", nameof(key));
        return (parts[0], start, end);
    }
}
