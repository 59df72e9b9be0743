namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// Licence years run from the licence's start date to each anniversary (a 29 February start
/// rolls to 28 February in common years). Tiers and caps count units per licence year.
/// </summary>
public static class LicenceYear
{
    /// <summary>Which licence year <paramref name="day"/> falls in: 0 for the first, negative before the start.</summary>
    public static int Index(DateOnly licenceStart, DateOnly day)
    {
        var years = day.Year - licenceStart.Year;
        return licenceStart.AddYears(years) > day ? years - 1 : years;
    }

    public static DateOnly StartOf(DateOnly licenceStart, DateOnly day) => licenceStart.AddYears(Index(licenceStart, day));

    /// <summary>The first day of the next licence year (the year is [StartOf, EndOf)).</summary>
    public static DateOnly EndOf(DateOnly licenceStart, DateOnly day) => licenceStart.AddYears(Index(licenceStart, day) + 1);
}
