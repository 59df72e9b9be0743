using System.Globalization;
using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Maps <see cref="RateCardBody"/> to and from <see cref="RateCard"/>; missing or malformed fields are collected by path.</summary>
public static partial class RateCardWire
{
    public static RateCard? ToDomain(RateCardBody body, FieldErrors errors)
    {
        errors.Required(body.Version, "version");
        errors.Required(body.Currency, "currency");
        errors.Required(body.EffectiveFrom, "effectiveFrom");
        var categories = new List<CategoryRates>();
        for (var i = 0; i < (body.Categories?.Count ?? 0); i++)
        {
            var c = body.Categories![i];
            if (!errors.Required(c, $"categories[{i}]")) continue;
            errors.Required(c.Code, $"categories[{i}].code");
            var tiers = new List<Tier>();
            if (errors.Required(c.Tiers, $"categories[{i}].tiers"))
                for (var t = 0; t < c.Tiers.Count; t++)
                    if (errors.Required(c.Tiers[t], $"categories[{i}].tiers[{t}]") && TryParseRate(c.Tiers[t].RatePerUnit, $"categories[{i}].tiers[{t}].ratePerUnit", errors) is { } rate)
                        tiers.Add(new Tier(c.Tiers[t].UpTo, rate));
            categories.Add(new CategoryRates(c.Code ?? "", tiers, c.AnnualCap));
        }
        var regions = new List<RegionMultiplier>();
        for (var i = 0; i < (body.RegionMultipliers?.Count ?? 0); i++)
        {
            var r = body.RegionMultipliers![i];
            if (!errors.Required(r, $"regionMultipliers[{i}]")) continue;
            var region = errors.Required(r.Region, $"regionMultipliers[{i}].region");
            if (errors.Required(r.Bps, $"regionMultipliers[{i}].bps") && region) regions.Add(new RegionMultiplier(r.Region!, r.Bps!.Value));
        }
        if (errors.Any) return null;
        return new RateCard(body.Version!.Value, body.Currency!, body.EffectiveFrom!.Value, categories,
            body.EnterpriseCap, body.DeMinimis, regions, body.ComplianceDiscountBps ?? 0);
    }

    public static RateCardBody FromDomain(RateCard card) => new(
        card.Version, card.Currency, card.EffectiveFrom,
        [.. card.Categories.Select(c => new CategoryRatesBody(c.Code, [.. c.Tiers.Select(t => new TierBody(t.UpTo, FormatRate(t.Rate)))], c.AnnualCap))],
        card.EnterpriseCap, card.DeMinimis,
        [.. (card.RegionMultipliers ?? []).Select(r => new RegionMultiplierBody(r.Region, r.Bps))],
        card.ComplianceDiscountBps);

    /// <summary>A domain refusal's field in wire terms: a tier's <c>rate</c> is <c>ratePerUnit</c> on the wire.</summary>
    public static DomainException ToWire(DomainException ex) =>
        ex.Field is { } field && field.EndsWith(".rate", StringComparison.Ordinal)
            ? new DomainException(ex.Kind, ex.Code, ex.Message, field[..^".rate".Length] + ".ratePerUnit")
            : ex;

    /// <summary><c>"20"</c> → 200 000 rate units; at most 14 integer digits and 4 decimals, no sign or exponent.</summary>
    public static long? TryParseRate(string? text, string field, FieldErrors errors)
    {
        if (!errors.Required(text, field)) return null;
        if (!RatePattern().IsMatch(text))
        {
            errors.Add(field, "A decimal string of minor units per unit with at most four decimals, e.g. \"20\" or \"0.0125\".");
            return null;
        }
        return PerUnitRate.FromMinorUnits(decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    /// <summary>200 000 → <c>"20"</c>; 125 → <c>"0.0125"</c>.</summary>
    public static string FormatRate(long rate) => PerUnitRate.ToMinorUnits(rate).ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[0-9]{1,14}(\.[0-9]{1,4})?\z")]
    private static partial Regex RatePattern();
}
