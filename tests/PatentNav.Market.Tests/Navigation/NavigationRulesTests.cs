using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Navigation;

namespace PatentNav.Market.Tests.Navigation;

/// <summary>The navigation formulas of docs/NAVIGATION.md against values worked by hand.</summary>
public sealed class NavigationRulesTests
{
    // The worked example of docs/NAVIGATION.md: A holds 4 patents alone, B 2, C 1, and A and B one together
    // (½ each): w = 4.5, 2.5, 1 of 8; shares 56.25 %, 31.25 %, 12.5 %.
    [Fact]
    public void Hhi_and_concentration_ratios_of_the_worked_holder_set()
    {
        var c = Concentration.Of([4.5, 2.5, 1]);
        Assert.Equal(4296.88, c.Hhi);              // 56.25² + 31.25² + 12.5² = 3164.0625 + 976.5625 + 156.25 = 4296.875
        Assert.Equal(1.0, c.Cr4);
        Assert.Equal(1.0, c.Cr8);
        Assert.Equal(ConcentrationBand.High, c.Band);
        Assert.Equal(3, c.Holders);
    }

    [Fact]
    public void Ten_equal_holders_are_unconcentrated_and_cr4_is_their_first_four()
    {
        var c = Concentration.Of(Enumerable.Repeat(3.0, 10));
        Assert.Equal(1000, c.Hhi);                 // 10 × 10²
        Assert.Equal(0.4, c.Cr4);
        Assert.Equal(0.8, c.Cr8);
        Assert.Equal(ConcentrationBand.Unconcentrated, c.Band);
    }

    [Theory]
    [InlineData(2499.99, ConcentrationBand.Moderate)]
    [InlineData(2500, ConcentrationBand.High)]
    [InlineData(1500, ConcentrationBand.Moderate)]
    [InlineData(1499.99, ConcentrationBand.Unconcentrated)]
    public void Hhi_bands(double hhi, ConcentrationBand band) => Assert.Equal(band, Concentration.BandOf(hhi));

    [Fact]
    public void No_holders_is_all_zero() => Assert.Equal(new Concentration(0, 0, 0, ConcentrationBand.Unconcentrated, 0), Concentration.Of([]));

    [Fact]
    public void Growth_is_the_compound_annual_rate_over_the_last_three_complete_years()
    {
        // In 2030 the window is 2026 (base) … 2029 (end): (4 ÷ 2)^(1/3) − 1 = 0.259921…
        Assert.Equal((2026, 2029), Growth.Window(2030));
        Assert.Equal(0.2599, Growth.Cagr(2, 4));
        Assert.Equal(-1, Growth.Cagr(1, 0));
        Assert.Null(Growth.Cagr(0, 5));
        Assert.Equal(0.0, Growth.Cagr(7, 7));
    }

    [Fact]
    public void Hot_spots_are_the_top_decile_of_classes_with_enough_filings()
    {
        var filings = new List<(string, int, long)>();
        // Eleven classes with 10 → 10 + i filings (window 20 + i), one fast class with too few filings to count.
        for (var i = 0; i < 11; i++) { filings.Add(($"H01M {i}/00", 2026, 10)); filings.Add(($"H01M {i}/00", 2029, 10 + i)); }
        filings.Add(("G06F 16/00", 2026, 1));
        filings.Add(("G06F 16/00", 2029, 3));
        var growth = Growth.Of(filings, 2030);
        Assert.Equal("G06F 16/00", growth[0].Class);  // fastest (3× in three years) …
        Assert.False(growth[0].HotSpot);                // … but 4 filings in the window
        // 11 eligible classes: ⌈11 ÷ 10⌉ = 2 hot spots, the two fastest of them.
        Assert.Equal(["H01M 10/00", "H01M 9/00"], growth.Where(g => g.HotSpot).Select(g => g.Class));
        Assert.Equal(Math.Round(Math.Pow(20 / 10.0, 1 / 3.0) - 1, 4), growth.Single(g => g.Class == "H01M 10/00").Cagr);
    }

    [Theory]
    [InlineData(20, 10, 30, 15, LifeCycleStage.Growth)]     // filings +50 %, holders +50 %
    [InlineData(20, 10, 30, 10, LifeCycleStage.Maturity)]   // filings up, holders flat
    [InlineData(20, 10, 30, 5, LifeCycleStage.Maturity)]    // filings up, holders down
    [InlineData(20, 10, 21, 20, LifeCycleStage.Maturity)]   // filings flat (+5 %)
    [InlineData(30, 15, 20, 10, LifeCycleStage.Decline)]    // both down a third
    [InlineData(30, 15, 9, 10, LifeCycleStage.Emergence)]   // fewer than 10 filings a year
    [InlineData(30, 15, 40, 2, LifeCycleStage.Emergence)]   // fewer than 3 holders a year
    public void Life_cycle_stage_from_holders_and_filings(long earlierFilings, long earlierHolders, long recentFilings, long recentHolders, LifeCycleStage stage)
    {
        // In 2030: earlier = 2026 and 2027, recent = 2028 and 2029 (each the same in both years).
        var years = new Dictionary<int, (long, long)>
        {
            [2026] = (earlierHolders, earlierFilings), [2027] = (earlierHolders, earlierFilings),
            [2028] = (recentHolders, recentFilings), [2029] = (recentHolders, recentFilings),
        };
        Assert.Equal(stage, LifeCycle.StageOf(years, 2030));
    }

    [Theory]
    [InlineData(1, 1, false, false)]   // one licensee, not the caller's: withheld
    [InlineData(2, 2, false, false)]
    [InlineData(3, 3, false, true)]    // three counterparties: an aggregate
    [InlineData(1, 0, false, true)]    // the caller's own deals
    [InlineData(1, 1, true, true)]     // the admin
    public void Operations_amounts_need_three_counterparties_or_the_callers_own_deals(int counterparties, int othersDeals, bool admin, bool shown) =>
        Assert.Equal(shown, OperationsDisclosure.ShowsAmounts(counterparties, othersDeals, admin));

    [Fact]
    public void Value_buckets_are_decades_from_ten_thousand()
    {
        var buckets = ValueBuckets.From(new Dictionary<int, long> { [1] = 1, [2] = 2, [3] = 1 });
        Assert.Equal([(0L, (long?)1_000_000L, 1L), (1_000_000, 10_000_000, 2), (10_000_000, 100_000_000, 1), (100_000_000, 1_000_000_000, 0), (1_000_000_000, null, 0)],
            buckets.Select(b => (b.From, b.To, b.Patents)));
    }

    [Fact]
    public void A_scope_is_checked_and_canonical()
    {
        var scope = LandscapeScope.Validated(new LandscapeScope(["h01m 10/05"], [" 电池 "], null, null, "330100", null, "330000"));
        Assert.Equal(["H01M10/05"], scope.Ipc);
        Assert.Equal(["电池"], scope.Keywords);
        Assert.Equal("3301", LandscapeScope.RegionPrefix("330100"));
        Assert.Equal("33", LandscapeScope.RegionPrefix("330000"));
        Assert.Equal("330106", LandscapeScope.RegionPrefix("330106"));
        Assert.Equal("invalid_ipc", Assert.Throws<DomainException>(() => LandscapeScope.Validated(scope with { Ipc = ["X99"] })).Code);
        Assert.Equal("invalid_region", Assert.Throws<DomainException>(() => LandscapeScope.Validated(scope with { Region = "330006" })).Code);
        Assert.Equal("invalid_range", Assert.Throws<DomainException>(() =>
            LandscapeScope.Validated(scope with { From = new DateOnly(2030, 1, 1), To = new DateOnly(2029, 1, 1) })).Code);
    }
}
