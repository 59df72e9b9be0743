using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// Pure royalty pricing (§5). A report's units are charged at the marginal tier rates for the
/// positions they occupy in the licence year (units already reported shift them), times the
/// region multiplier, times (1 − compliance discount) if the licensee is compliant, all exact.
/// The licensee's annual royalty F is then: per category min(accrued, category cap), summed,
/// min(enterprise cap), and 0 while below the de-minimis threshold. F is rounded half-even only
/// when posted, and a report is charged round(F after) − charged so far, floored at 0. With one
/// card this is round(F after) − round(F before): splitting a quantity across reports never
/// changes the total, a boundary is never counted twice, and a waived de-minimis amount is caught
/// up by the report that lifts the year over the threshold.
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
        var posted = ExactAmount.RoundHalfEven(AnnualRoyalty(card, after));
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

    /// <summary>F: the exact annual royalty of a position under <paramref name="card"/>'s caps and de minimis.</summary>
    public static Int128 AnnualRoyalty(RateCard card, LicenceYearPosition position)
    {
        Int128 total = 0;
        foreach (var category in position.Categories)
        {
            var cap = card.Categories.FirstOrDefault(c => c.Code == category.Category)?.AnnualCap;
            total = checked(total + (cap is { } c ? Int128.Min(category.Accrued, ExactAmount.FromMinorUnits(c)) : category.Accrued));
        }
        if (card.EnterpriseCap is { } enterprise) total = Int128.Min(total, ExactAmount.FromMinorUnits(enterprise));
        if (card.DeMinimis is { } threshold && total < ExactAmount.FromMinorUnits(threshold)) return 0;
        return total;
    }
}
