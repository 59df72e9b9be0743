using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Matching;

/// <summary>
/// What a demand must say, pure: at least one IPC prefix or keyword (400 <c>required</c> on <c>ipcPrefixes</c>); IPC
/// prefixes in compact form, any leading part of a symbol (<c>H01</c>, <c>H01M</c>, <c>H01M10/05</c>; 400
/// <c>invalid_ipc</c>); 1–20 keywords of at most 50 characters, each with at least one word that is not a stop word
/// (400 <c>invalid_keyword</c>); a budget range; validity as for listings.
/// </summary>
public static partial class DemandRules
{
    public const int MaxKeywords = 20, MaxKeywordLength = 50, MaxPrefixes = 20;

    public static CreateDemand Normalize(CreateDemand demand, DateOnly today)
    {
        OfferLifecycle.RequireValidUntil(demand.ValidUntil, today);
        if (demand.IpcPrefixes.Count == 0 && demand.Keywords.Count == 0)
            throw DomainException.Invalid("required", "ipcPrefixes", "Name IPC prefixes, keywords or both.");
        if (demand.IpcPrefixes.Count > MaxPrefixes) throw DomainException.Invalid("too_long", "ipcPrefixes", $"At most {MaxPrefixes} prefixes.");
        if (demand.Keywords.Count > MaxKeywords) throw DomainException.Invalid("too_long", "keywords", $"At most {MaxKeywords} keywords.");
        var prefixes = new List<string>();
        for (var i = 0; i < demand.IpcPrefixes.Count; i++)
            if (IpcPrefix(demand.IpcPrefixes[i], $"ipcPrefixes[{i}]") is var compact && !prefixes.Contains(compact)) prefixes.Add(compact);
        var keywords = new List<string>();
        for (var i = 0; i < demand.Keywords.Count; i++)
        {
            var keyword = (demand.Keywords[i] ?? "").Trim();
            if (keyword.Length is 0 or > MaxKeywordLength)
                throw DomainException.Invalid("invalid_keyword", $"keywords[{i}]", $"A keyword has 1 to {MaxKeywordLength} characters.");
            if (TextTokens.Keyword(keyword).Count == 0)
                throw DomainException.Invalid("invalid_keyword", $"keywords[{i}]", $"'{keyword}' has no word to match (only stop words or punctuation).");
            if (!keywords.Contains(keyword)) keywords.Add(keyword);
        }
        if (demand.Budget is { } budget) MoneyRange.Require(budget, "budget");
        return demand with { IpcPrefixes = prefixes, Keywords = keywords, DealTypes = [.. demand.DealTypes.Distinct()] };
    }

    /// <summary>The compact form of an IPC prefix, or 400 <c>invalid_ipc</c> naming <paramref name="field"/>.</summary>
    public static string IpcPrefix(string? text, string field)
    {
        var compact = IpcCode.Compact(text ?? "");
        return Prefix().IsMatch(compact) ? compact
            : throw DomainException.Invalid("invalid_ipc", field, $"'{text}' is not the start of an IPC symbol (H01, H01M, H01M10/05).");
    }

    [GeneratedRegex(@"^[A-H]([0-9]{1,2}([A-Z]([0-9]{1,4}(/[0-9]{0,6})?)?)?)?\z")]
    private static partial Regex Prefix();
}
