namespace PatentNav.Market.Grains.Patents;

/// <summary>
/// Patent term from the filing date (Patent Law art. 42, §2): invention 20 years, utility model 10,
/// design 15 when filed on or after 2021-06-01 (the fourth amendment) and 10 before.
/// The term ends on the anniversary date: the patent is in force on days before <c>ExpiresOn</c>.
/// </summary>
public static class PatentTerm
{
    public static readonly DateOnly DesignFifteenYearsFrom = new(2021, 6, 1);

    public static int Years(PatentType type, DateOnly filingDate) => type switch
    {
        PatentType.Invention => 20,
        PatentType.UtilityModel => 10,
        PatentType.Design => filingDate >= DesignFifteenYearsFrom ? 15 : 10,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static DateOnly ExpiresOn(PatentType type, DateOnly filingDate) => filingDate.AddYears(Years(type, filingDate));

    /// <summary>The status that applies on <paramref name="today"/>: a pending or granted patent past its term is expired.</summary>
    public static LegalStatus EffectiveStatus(LegalStatus recorded, PatentType type, DateOnly filingDate, DateOnly today) =>
        recorded.IsInForce() && today >= ExpiresOn(type, filingDate) ? LegalStatus.Expired : recorded;
}
