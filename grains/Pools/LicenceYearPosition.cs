namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// What one licensee has reported so far in one licence year, per category: units (which place
/// the next report's units in the tiers) and the exact royalty accrued before caps and de minimis
/// (in <see cref="ExactAmount"/> units, each report priced with its own region and compliance
/// factor). <see cref="Charged"/> is the sum of the charges posted this year, in minor units.
/// A new licence year starts from <see cref="Empty"/>.
/// </summary>
[GenerateSerializer]
public sealed record LicenceYearPosition(IReadOnlyList<CategoryPosition> Categories, long Charged)
{
    public static LicenceYearPosition Empty { get; } = new([], 0);

    public long UnitsIn(string category) => Find(category)?.Units ?? 0;

    public Int128 AccruedIn(string category) => Find(category)?.Accrued ?? 0;

    /// <summary>The position after adding <paramref name="units"/> and <paramref name="accrued"/> to a category.</summary>
    public LicenceYearPosition Add(string category, long units, Int128 accrued)
    {
        var updated = new CategoryPosition(category, checked(UnitsIn(category) + units), checked(AccruedIn(category) + accrued));
        var categories = Find(category) is null
            ? [.. Categories, updated]
            : Categories.Select(c => c.Category == category ? updated : c).ToList();
        return this with { Categories = categories };
    }

    private CategoryPosition? Find(string category) => Categories.FirstOrDefault(c => c.Category == category);
}

/// <summary>A category's year to date: units reported and exact royalty accrued before caps.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CategoryPosition(string Category, long Units, Int128 Accrued);
