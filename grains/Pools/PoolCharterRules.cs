using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>Pure checks on a pool's charter (§5); each failure (400) names the camelCase field.</summary>
public static class PoolCharterRules
{
    public const int MaxNameLength = 300;
    public const int MaxCategoryLength = 100;

    public static PoolCharter Validate(PoolCharter charter)
    {
        if (string.IsNullOrWhiteSpace(charter.Name)) throw Bad("required", "name", "A pool name is required.");
        if (charter.Name.Length > MaxNameLength) throw Bad("too_long", "name", $"At most {MaxNameLength} characters.");
        if (string.IsNullOrWhiteSpace(charter.AdministratorId)) throw Bad("required", "administratorId", "The administrator is required.");
        if (!Currencies.IsKnown(charter.Currency))
            throw Bad("unknown_currency", "currency", $"'{charter.Currency}' is not a supported ISO 4217 currency code.");
        if (charter.ProductCategories is not { Count: > 0 } categories)
            throw Bad("required", "productCategories", "At least one product category is required.");
        for (var i = 0; i < categories.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(categories[i])) throw Bad("required", $"productCategories[{i}]", "A category code is required.");
            if (categories[i].Length > MaxCategoryLength) throw Bad("too_long", $"productCategories[{i}]", $"At most {MaxCategoryLength} characters.");
            if (categories.Take(i).Contains(categories[i]))
                throw Bad("duplicate_category", $"productCategories[{i}]", $"Category '{categories[i]}' is listed twice.");
        }
        if (charter.AdminFeeBps is < 0 or > 10_000) throw Bad("invalid_bps", "adminFeeBps", "The admin fee runs from 0 to 10 000 bps.");
        if (charter.MaxIncreaseBps < 0) throw Bad("invalid_bps", "maxIncreaseBps", "The increase limit is not negative.");
        if (!Enum.IsDefined(charter.MemberTerms)) throw Bad("invalid_enum", "memberTerms", "Unknown member terms.");
        if (!Enum.IsDefined(charter.DistributionPeriod)) throw Bad("invalid_enum", "distributionPeriod", "Unknown distribution period.");
        return charter with { Name = charter.Name.Trim(), ProductCategories = [.. categories] };
    }

    private static DomainException Bad(string code, string field, string message) => DomainException.Invalid(code, field, message);
}
