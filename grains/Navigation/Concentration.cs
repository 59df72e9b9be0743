namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// Holder concentration of a scope (§10, docs/NAVIGATION.md): share s_i = w_i ÷ Σ w, where w_i counts each patent 1/k
/// to each of its k owners; HHI = Σ (100·s_i)² on 0–10 000; CR_n = Σ of the n largest shares.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record Concentration(
    [property: Id(0)] double Hhi,
    [property: Id(1)] double Cr4,
    [property: Id(2)] double Cr8,
    [property: Id(3)] ConcentrationBand Band,
    [property: Id(4)] int Holders)
{
    /// <summary>Antitrust bands of the HHI: ≥ 2 500 highly, 1 500–2 500 moderately, below that unconcentrated.</summary>
    public static ConcentrationBand BandOf(double hhi) =>
        hhi >= 2500 ? ConcentrationBand.High : hhi >= 1500 ? ConcentrationBand.Moderate : ConcentrationBand.Unconcentrated;

    /// <summary>From the holders' weights (any order; zeros ignored). No holder: all zero.</summary>
    public static Concentration Of(IEnumerable<double> weights)
    {
        var sorted = weights.Where(w => w > 0).OrderByDescending(w => w).ToArray();
        var total = sorted.Sum();
        if (total <= 0) return new Concentration(0, 0, 0, ConcentrationBand.Unconcentrated, 0);
        var hhi = sorted.Sum(w => Math.Pow(100 * w / total, 2));
        double Cr(int n) => sorted.Take(n).Sum() / total;
        return new Concentration(Math.Round(hhi, 2), Math.Round(Cr(4), 4), Math.Round(Cr(8), 4), BandOf(hhi), sorted.Length);
    }
}

[GenerateSerializer]
public enum ConcentrationBand { Unconcentrated, Moderate, High }
