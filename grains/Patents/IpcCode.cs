using System.Text.RegularExpressions;

namespace PatentNav.Market.Grains.Patents;

/// <summary>
/// International Patent Classification symbols: <c>H01M</c> (subclass) or <c>H01M 10/052</c> (group).
/// Stored as subclass, one space, group; searched by prefix on the compact form <c>H01M10/052</c>.
/// </summary>
public static partial class IpcCode
{
    public static bool TryNormalize(string? input, out string canonical)
    {
        var compact = Compact(input ?? "");
        canonical = compact.Length > 4 ? $"{compact[..4]} {compact[4..]}" : compact;
        return Pattern().IsMatch(compact);
    }

    /// <summary>Upper case without spaces: the form prefix searches compare.</summary>
    public static string Compact(string input) => string.Concat(input.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Every leading substring of the compact form, so "H01" and "H01M10" both find "H01M 10/052".</summary>
    public static IEnumerable<string> Prefixes(string canonical)
    {
        var compact = Compact(canonical);
        for (var length = 1; length <= compact.Length; length++) yield return compact[..length];
    }

    [GeneratedRegex(@"^[A-H]([0-9]{2}([A-Z]([0-9]{1,4}/[0-9]{1,6})?)?)?\z")]
    private static partial Regex Pattern();
}
