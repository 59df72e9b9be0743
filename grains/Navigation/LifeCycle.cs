namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// Technology life-cycle stage (专利技术生命周期, §10) from the number of distinct holders filing and of filings per
/// year. Recent = the mean over the last two complete years, earlier = the mean over the two before. A count moved
/// "up" when recent ≥ 1.1 × earlier, "down" when recent ≤ 0.9 × earlier, else "flat". Then: fewer than
/// <see cref="FewFilings"/> filings or <see cref="FewHolders"/> holders a year recently = emergence; filings up and
/// holders up = growth; filings down and holders down = decline; anything else = maturity (filings up with holders
/// flat or down, or filings flat).
/// </summary>
public static class LifeCycle
{
    public const int FewFilings = 10;
    public const int FewHolders = 3;

    public static LifeCycleStage StageOf(IReadOnlyDictionary<int, (long Holders, long Filings)> perYear, int currentYear)
    {
        (double Holders, double Filings) Mean(int from) =>
            ((Get(from).Holders + Get(from + 1).Holders) / 2.0, (Get(from).Filings + Get(from + 1).Filings) / 2.0);
        (long Holders, long Filings) Get(int year) => perYear.TryGetValue(year, out var v) ? v : (0, 0);

        var recent = Mean(currentYear - 2);
        var earlier = Mean(currentYear - 4);
        if (recent.Filings < FewFilings || recent.Holders < FewHolders) return LifeCycleStage.Emergence;
        var filings = Direction(earlier.Filings, recent.Filings);
        var holders = Direction(earlier.Holders, recent.Holders);
        return (filings, holders) switch
        {
            (1, 1) => LifeCycleStage.Growth,
            (-1, -1) => LifeCycleStage.Decline,
            _ => LifeCycleStage.Maturity,
        };
    }

    private static int Direction(double earlier, double recent) => recent >= 1.1 * earlier ? 1 : recent <= 0.9 * earlier ? -1 : 0;
}

[GenerateSerializer]
public enum LifeCycleStage { Emergence, Growth, Maturity, Decline }
