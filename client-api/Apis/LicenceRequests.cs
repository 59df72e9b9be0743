using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Request checks the licence endpoints share: presence and shape only (lists without null items,
/// bounded text, canonical patent numbers, keys fit for storage). Rules live in the grains.
/// </summary>
internal static partial class LicenceRequests
{
    private const int MaxItems = 100;
    private const int MaxText = 100;

    /// <summary>Grain keys taken from the path: ids as this API issues them, nothing a database would choke on.</summary>
    public static bool IsKey(string? id) => id is not null && KeyPattern().IsMatch(id);

    public static void RequireItems(IReadOnlyList<string>? items, string field, FieldErrors errors)
    {
        if (items is null) return;
        if (items.Count > MaxItems) errors.Add(field, $"At most {MaxItems} entries.");
        for (var i = 0; i < Math.Min(items.Count, MaxItems); i++)
            if (string.IsNullOrWhiteSpace(items[i])) errors.Add($"{field}[{i}]", "Required.");
            else if (items[i].Length > MaxText) errors.Add($"{field}[{i}]", $"At most {MaxText} characters.");
    }

    public static void RequireText(string? text, string field, FieldErrors errors)
    {
        if (errors.Required(text, field) && text.Length > MaxText) errors.Add(field, $"At most {MaxText} characters.");
    }

    /// <summary>Canonical numbers of <paramref name="numbers"/>, errors naming <c>patents[i]</c>.</summary>
    public static List<string> Patents(IReadOnlyList<string>? numbers, FieldErrors errors)
    {
        var canonical = new List<string>();
        if (!errors.Required(numbers, "patents")) return canonical;
        if (numbers.Count is 0 or > MaxItems) errors.Add("patents", $"List 1 to {MaxItems} patents.");
        for (var i = 0; i < Math.Min(numbers.Count, MaxItems); i++)
            if (!errors.Required(numbers[i], $"patents[{i}]")) continue;
            else if (PatentNumber.TryParse(numbers[i], out var number, out var message)) canonical.Add(number.Value);
            else errors.Add($"patents[{i}]", message);
        return canonical;
    }

    /// <summary>Terms from the wire; the grain checks currencies and amounts.</summary>
    public static LicenceTerms? Terms(TermsRequest? terms, string field, FieldErrors errors)
    {
        if (!errors.Required(terms, field)) return null;
        errors.Required(terms.Currency, $"{field}.currency");
        if (terms.LumpSum is { } lump)
        {
            errors.Required(lump.Amount, $"{field}.lumpSum.amount");
            errors.Required(lump.Currency, $"{field}.lumpSum.currency");
        }
        var rate = terms.RatePerUnit is null ? null : RateCardWire.TryParseRate(terms.RatePerUnit, $"{field}.ratePerUnit", errors);
        if (errors.Any) return null;
        return new LicenceTerms(terms.Currency!, rate, terms.LumpSum is { } sum ? new Money(sum.Amount!.Value, sum.Currency!) : null);
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex KeyPattern();
}
