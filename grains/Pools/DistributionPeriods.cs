namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// Distribution periods follow the calendar: quarters start on 1 January, 1 April, 1 July and
/// 1 October; half-years on 1 January and 1 July; years on 1 January. A period is [start, next start).
/// </summary>
public static class DistributionPeriods
{
    /// <summary>The first day of the period that contains <paramref name="day"/>.</summary>
    public static DateOnly CurrentStart(DistributionPeriod period, DateOnly day)
    {
        var months = MonthsIn(period);
        return new DateOnly(day.Year, (day.Month - 1) / months * months + 1, 1);
    }

    /// <summary>
    /// The first day of the period after the one containing <paramref name="day"/>: when a withdrawal
    /// asked for on <paramref name="day"/> takes effect (the end of the current period).
    /// </summary>
    public static DateOnly NextStart(DistributionPeriod period, DateOnly day) =>
        CurrentStart(period, day).AddMonths(MonthsIn(period));

    public static int MonthsIn(DistributionPeriod period) => period switch
    {
        DistributionPeriod.Quarterly => 3,
        DistributionPeriod.HalfYearly => 6,
        DistributionPeriod.Yearly => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown distribution period."),
    };
}
