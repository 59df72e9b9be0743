using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>Pure checks that a rate card is well formed; each failure (400) names the camelCase field.</summary>
public static class RateCardRules
{
    public static RateCard Validate(RateCard card, DateOnly today)
    {
        if (card.Version < 1) throw Bad("invalid_version", "version", "Versions start at 1.");
        if (!Currencies.IsKnown(card.Currency))
            throw Bad("unknown_currency", "currency", $"'{card.Currency}' is not a supported ISO 4217 currency code.");
        if (card.EffectiveFrom < today)
            throw Bad("effective_date_in_past", "effectiveFrom", $"A rate card takes effect today ({today:yyyy-MM-dd}) or later.");
        if (card.Categories is not { Count: > 0 }) throw Bad("required", "categories", "At least one product category is required.");
        for (var i = 0; i < card.Categories.Count; i++) ValidateCategory(card.Categories, i);
        RequirePositive(card.EnterpriseCap, "enterpriseCap");
        RequirePositive(card.DeMinimis, "deMinimis");
        ValidateRegions(card.RegionMultipliers ?? []);
        if (card.ComplianceDiscountBps is < 0 or > RateCard.FullPriceBps)
            throw Bad("invalid_bps", "complianceDiscountBps", "A discount runs from 0 to 10 000 bps.");
        return card;
    }

    private static void ValidateCategory(IReadOnlyList<CategoryRates> categories, int i)
    {
        var category = categories[i];
        var path = $"categories[{i}]";
        if (string.IsNullOrWhiteSpace(category.Code)) throw Bad("required", $"{path}.code", "A category code is required.");
        if (categories.Take(i).Any(c => c.Code == category.Code))
            throw Bad("duplicate_category", $"{path}.code", $"Category '{category.Code}' is listed twice.");
        if (category.Tiers is not { Count: > 0 }) throw Bad("required", $"{path}.tiers", "At least one tier is required.");
        long previous = 0;
        for (var t = 0; t < category.Tiers.Count; t++)
        {
            var tier = category.Tiers[t];
            var last = t == category.Tiers.Count - 1;
            if (tier.Rate < 0) throw Bad("negative_rate", $"{path}.tiers[{t}].rate", "Rates are not negative.");
            if (last && tier.UpTo is not null)
                throw Bad("last_tier_bounded", $"{path}.tiers[{t}].upTo", "The last tier is open-ended (no upTo).");
            if (!last && (tier.UpTo is null || tier.UpTo <= previous))
                throw Bad("tiers_not_increasing", $"{path}.tiers[{t}].upTo", $"Each tier but the last ends above the previous one (> {previous}).");
            previous = tier.UpTo ?? previous;
        }
        RequirePositive(category.AnnualCap, $"{path}.annualCap");
    }

    private static void ValidateRegions(IReadOnlyList<RegionMultiplier> regions)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(regions[i].Region)) throw Bad("required", $"regionMultipliers[{i}].region", "A region code is required.");
            if (regions.Take(i).Any(r => r.Region == regions[i].Region))
                throw Bad("duplicate_region", $"regionMultipliers[{i}].region", $"Region '{regions[i].Region}' is listed twice.");
            if (regions[i].Bps is < 0 or > RateCard.FullPriceBps)
                throw Bad("invalid_bps", $"regionMultipliers[{i}].bps", "A region multiplier runs from 0 to 10 000 bps.");
        }
    }

    private static void RequirePositive(long? amount, string field)
    {
        if (amount is <= 0) throw Bad("invalid_amount", field, "When set, the amount must be positive.");
    }

    private static DomainException Bad(string code, string field, string message) => DomainException.Invalid(code, field, message);
}
