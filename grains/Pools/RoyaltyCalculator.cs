using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// Pure royalty pricing (§5). A report's units are charged at the marginal tier rates for the
/// positions they occupy in the licence year (units already reported shift them), times the
/// region multiplier, times (1 − compliance discount) if the licensee is compliant, all exact.
/// The licensee's annual royalty F is then: per category round(min(accrued, category cap)) —
/// half-even, each category rounded on its own, so rounding is carried only inside one category's
/// tier position and a report's price never depends on another category's fractions (§5) —, summed
/// in minor units, min(enterprise cap), and 0 while below the de-minimis threshold. A report is
/// charged F after − charged so far, floored at 0. With one card and no enterprise cap or
/// de minimis in play this is round(category after) − round(category before): splitting a quantity
/// across reports never changes the total, a boundary is never counted twice, and a waived
/// de-minimis amount is caught up by the report that lifts the year over the threshold. The
/// enterprise cap and de minimis are the only terms that look across categories, by definition.
/// </summary>
public static class RoyaltyCalculator
{
    public static RoyaltyCharge Charge(RateCard card, LicenceYearPosition before, UnitReport report)
    {
        if (report.Units < 0) throw DomainException.Invalid("invalid_units", "units", "Units are not negative.");
        var tiers = card.Category(report.Category).Tiers;
        var unitsBefore = before.UnitsIn(report.Category);
        var unitsAfter = checked(unitsBefore + report.Units);
        var discount = report.Compliant ? card.ComplianceDiscountBps : 0;
        var factor = (Int128)card.MultiplierBps(report.Region) * (RateCard.FullPriceBps - discount);
        var uncapped = checked(TierSchedule.Amount(tiers, unitsBefore, unitsAfter) * factor);
        var after = before.Add(report.Category, report.Units, uncapped);
        var posted = AnnualRoyalty(card, after);
        var amount = Math.Max(0, posted - before.Charged);
        return new RoyaltyCharge(new Money(amount, card.Currency), after with { Charged = before.Charged + amount },
            unitsBefore, unitsAfter, uncapped);
    }

    /// <summary>
    /// The price of <paramref name="units"/> in a fresh licence year: a function of the card version,
    /// category, region, units and compliance state only, identical for every licensee.
    /// </summary>
    public static Money Quote(RateCard card, string category, string region, long units, bool compliant) =>
        Charge(card, LicenceYearPosition.Empty, new UnitReport(category, region, units, compliant)).Amount;

    /// <summary>
    /// F in minor units: each category's capped accrual posted (rounded half-even) on its own, summed, then the
    /// enterprise cap and de minimis. Throws <see cref="OverflowException"/> when it does not fit a <c>long</c>.
    /// </summary>
    public static long AnnualRoyalty(RateCard card, LicenceYearPosition position)
    {
        long total = 0;
        foreach (var category in position.Categories)
            total = checked(total + CategoryRoyalty(card, category));
        if (card.EnterpriseCap is { } enterprise) total = Math.Min(total, enterprise);
        if (card.DeMinimis is { } threshold && total < threshold) return 0;
        return total;
    }

    /// <summary>One category's posted year to date: min(accrued, category cap), rounded half-even — nothing of another category enters it.</summary>
    public static long CategoryRoyalty(RateCard card, CategoryPosition category)
    {
        var cap = card.Categories.FirstOrDefault(c => c.Code == category.Category)?.AnnualCap;
        return ExactAmount.RoundHalfEven(cap is { } c ? Int128.Min(category.Accrued, ExactAmount.FromMinorUnits(c)) : category.Accrued);
    }
}
