using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>Pure checks on a financier product (§8); each failure is a 400 naming the camelCase field.</summary>
public static class FinancierProductRules
{
    public const int MaxNameLength = 300;
    /// <summary>30 years: beyond any patent's remaining term, so longer terms can only be typos.</summary>
    public const int MaxTermMonths = 360;
    public const int MaxDays = 365;
    /// <summary>100 % a year; real products sit far below, but the domain only refuses the absurd.</summary>
    public const int MaxAnnualRateBps = 10_000;

    public static FinancierProduct Validate(FinancierProduct product)
    {
        if (string.IsNullOrWhiteSpace(product.FinancierId)) throw Bad("required", "financierId", "The financier is required.");
        if (string.IsNullOrWhiteSpace(product.Name)) throw Bad("required", "name", "A product name is required.");
        if (product.Name.Length > MaxNameLength) throw Bad("too_long", "name", $"At most {MaxNameLength} characters.");
        if (!Currencies.IsKnown(product.Currency))
            throw Bad("unknown_currency", "currency", $"'{product.Currency}' is not a supported ISO 4217 currency code.");
        if (product.LtvCaps is not { } caps) throw Bad("required", "ltvCaps", "LTV caps are required.");
        Bps(caps.InventionBps, "ltvCaps.inventionBps", 10_000);
        Bps(caps.UtilityModelBps, "ltvCaps.utilityModelBps", 10_000);
        Bps(caps.DesignBps, "ltvCaps.designBps", 10_000);
        Bps(product.AnnualRateBps, "annualRateBps", MaxAnnualRateBps);
        if (product.TermMonths is < 1 or > MaxTermMonths)
            throw Bad("invalid_term", "termMonths", $"The term runs from 1 to {MaxTermMonths} months.");
        if (!Enum.IsDefined(product.Schedule)) throw Bad("invalid_enum", "schedule", "Unknown repayment schedule.");
        if (product.GraceDays is < 0 or > MaxDays) throw Bad("invalid_days", "graceDays", $"Grace runs from 0 to {MaxDays} days.");
        Bps(product.MarginBufferBps, "marginBufferBps", 10_000);
        if (product.CurePeriodDays is < 1 or > MaxDays)
            throw Bad("invalid_days", "curePeriodDays", $"The cure period runs from 1 to {MaxDays} days.");
        return product with { FinancierId = product.FinancierId.Trim(), Name = product.Name.Trim() };
    }

    private static void Bps(int value, string field, int max)
    {
        if (value < 0 || value > max) throw Bad("invalid_bps", field, $"Runs from 0 to {max} bps.");
    }

    private static DomainException Bad(string code, string field, string message) => DomainException.Invalid(code, field, message);
}
