using System.Globalization;
using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// The calendar quarter a royalty report covers (§5: quarterly by default), written <c>2026-Q3</c>.
/// A quarter "ends" on its <see cref="LastDay"/>; its invoice is due <see cref="PaymentDays"/> days
/// later, and a report made after that due date is late.
/// </summary>
[GenerateSerializer]
[Immutable]
public readonly partial record struct ReportingPeriod(int Year, int Quarter)
{
    public const int PaymentDays = 30;

    public DateOnly FirstDay => new(Year, 3 * (Quarter - 1) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>When the invoice for this period falls due: 30 days after it ends.</summary>
    public DateOnly DueOn => LastDay.AddDays(PaymentDays);

    /// <summary>A report is late when the period ended more than 30 days before it was made.</summary>
    public bool IsLateOn(DateOnly reportedOn) => reportedOn > DueOn;

    public static ReportingPeriod Containing(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        if (text is null || Pattern().Match(text) is not { Success: true } match) return false;
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        // 1985: the first Chinese Patent Law; 9998 keeps DueOn inside DateOnly's range.
        if (year is < 1985 or > 9998) return false;
        period = new ReportingPeriod(year, match.Groups[2].Value[0] - '0');
        return true;
    }

    /// <summary>Parses <c>YYYY-Qn</c>; 400 <c>invalid_period</c> naming <paramref name="field"/> otherwise.</summary>
    public static ReportingPeriod Parse(string? text, string field = "period") =>
        TryParse(text, out var period)
            ? period
            : throw DomainException.Invalid("invalid_period", field, "Write a calendar quarter such as 2026-Q3 (years 1985 to 9998).");

    public override string ToString() => $"{Year:D4}-Q{Quarter}";

    [GeneratedRegex("^([0-9]{4})-Q([1-4])$")]
    private static partial Regex Pattern();
}
