using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>Pure checks on a risk-sharing agreement; each failure is a 400 naming the camelCase field.</summary>
public static class RiskSharingRules
{
    public static RiskSharingAgreement Validate(RiskSharingAgreement agreement)
    {
        if (!Currencies.IsKnown(agreement.Currency))
            throw Bad("unknown_currency", "currency", $"'{agreement.Currency}' is not a supported ISO 4217 currency code.");
        Bps(agreement.StopLossBps, "stopLossBps");
        Bps(agreement.GuarantorShareBps, "guarantorShareBps");
        if (agreement.FundAnnualCeiling is < 0)
            throw Bad("invalid_amount", "fundAnnualCeiling", "The fund's annual ceiling is not negative (omit it for none).");
        if (agreement.FundTiers is not { } tiers) throw Bad("required", "fundTiers", "Fund tiers are required (empty for no fund).");
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].UpTo <= 0 || (i > 0 && tiers[i].UpTo <= tiers[i - 1].UpTo))
                throw Bad("invalid_tier", $"fundTiers[{i}].upTo", "Tier bounds are positive and strictly increasing.");
            Bps(tiers[i].ShareBps, $"fundTiers[{i}].shareBps");
            if (tiers[i].ShareBps + agreement.GuarantorShareBps > LoanToValue.FullBps)
                throw Bad("shares_exceed_loss", $"fundTiers[{i}].shareBps", "The fund's and the guarantor's shares together exceed 100 %.");
        }
        return agreement with { FundTiers = [.. tiers] };
    }

    private static void Bps(int value, string field)
    {
        if (value is < 0 or > LoanToValue.FullBps) throw Bad("invalid_bps", field, "Runs from 0 to 10 000 bps.");
    }

    private static DomainException Bad(string code, string field, string message) => DomainException.Invalid(code, field, message);
}
