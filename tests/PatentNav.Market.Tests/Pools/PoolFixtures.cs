using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

/// <summary>Cards used by the pool pricing tests and FsCheck generators of valid cards and reports.</summary>
internal static class PoolFixtures
{
    public static readonly DateOnly Today = new(2026, 3, 1);
    public static readonly string[] Codes = ["A", "B", "C"];
    public static readonly string[] Regions = ["R1", "R2", "R3"];

    /// <summary>Cents per unit as a rate: 20 → 0.20 USD.</summary>
    public static long Cents(decimal cents) => PerUnitRate.FromMinorUnits(cents);

    /// <summary>AVC/H.264-style: first 100 000 units free, 0.20 USD to 5 M, 0.10 USD above, capped at 9 750 000 USD.</summary>
    public static RateCard Avc(long? cap = 975_000_000) => new(1, "USD", Today,
        [new CategoryRates("decoder", [new Tier(100_000, 0), new Tier(5_000_000, Cents(20)), new Tier(null, Cents(10))], cap)]);

    public static RateCard Flat(long rate, string currency = "CNY", string code = "A") =>
        new(1, currency, Today, [new CategoryRates(code, [new Tier(null, rate)])]);

    private static readonly Gen<long?> OptionalAmount = Gen.Frequency(
        (1, Gen.Constant<long?>(null)), (2, Gen.Choose(1, 60_000).Select(v => (long?)v)));

    private static Gen<IReadOnlyList<Tier>> TiersGen =>
        from gaps in Gen.Choose(1, 600).ListOf().Select(l => l.Take(3).ToList())
        from rates in Gen.Choose(0, 30_000).Select(r => (long)r * 10).ArrayOf(gaps.Count + 1)
        select (IReadOnlyList<Tier>)gaps
            .Select((_, i) => new Tier(gaps.Take(i + 1).Sum(g => (long)g), rates[i]))
            .Append(new Tier(null, rates[^1])).ToList();

    private static Gen<CategoryRates> CategoryGen(string code) =>
        from tiers in TiersGen
        from cap in OptionalAmount
        select new CategoryRates(code, tiers, cap);

    public static Gen<RateCard> CardGen(string[]? codes = null) =>
        from chosen in Gen.SubListOf(codes ?? Codes).Where(l => l.Count > 0)
        from categories in Gen.CollectToList(chosen, CategoryGen)
        from enterprise in OptionalAmount
        from deMinimis in Gen.Frequency((2, Gen.Constant<long?>(null)), (1, Gen.Choose(1, 3_000).Select(v => (long?)v)))
        from regions in Gen.SubListOf(Regions.Take(2))
        from bps in Gen.Choose(0, 10_000).ArrayOf(2)
        from discount in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 10_000)))
        select new RateCard(1, "USD", Today, categories, enterprise, deMinimis,
            regions.Select((r, i) => new RegionMultiplier(r, bps[i])).ToList(), discount);

    public static Gen<UnitReport> ReportGen(RateCard card, int maxUnits = 2_000) =>
        from category in Gen.Elements(card.Categories.Select(c => c.Code).ToArray())
        from region in Gen.Elements(Regions)
        from units in Gen.Choose(0, maxUnits)
        from compliant in Gen.Elements(true, false)
        select new UnitReport(category, region, units, compliant);

    /// <summary>Runs reports through one licence year; returns each charge's amount and the final position.</summary>
    public static (List<long> Charges, LicenceYearPosition Position) Run(RateCard card, IEnumerable<UnitReport> reports,
        LicenceYearPosition? start = null)
    {
        var position = start ?? LicenceYearPosition.Empty;
        var charges = new List<long>();
        foreach (var report in reports)
        {
            var charge = RoyaltyCalculator.Charge(card, position, report);
            charges.Add(charge.Amount.Amount);
            position = charge.After;
        }
        return (charges, position);
    }

    public static RateCard Uncapped(RateCard card) => card with
    {
        EnterpriseCap = null,
        DeMinimis = null,
        Categories = card.Categories.Select(c => c with { AnnualCap = null }).ToList(),
    };

    public static Config Runs(int n) => Config.QuickThrowOnFailure.WithMaxTest(n);
}
