using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Navigation;

/// <summary>The sections of a landscape (issue 13 item 3); a request picks any of them.</summary>
[GenerateSerializer]
public enum LandscapeSection { Trend, Holders, Composition, Value, Operations, Positioning }

/// <summary>
/// What a landscape covers: patents with any of <see cref="Ipc"/> (compact prefixes, <c>H01M10</c>) or any of
/// <see cref="Keywords"/> in title or abstract (both empty: every patent), filed in [<see cref="From"/>, <see cref="To"/>],
/// held (in part) by a party seated in <see cref="Region"/>, in pool <see cref="PoolId"/> (its current patents), and held
/// (in part) by a member of alliance <see cref="AllianceId"/> on the day of the query.
/// <see cref="Focus"/> is what positioning compares with the scope: a party id or a region code.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record LandscapeScope(
    [property: Id(0)] IReadOnlyList<string> Ipc,
    [property: Id(1)] IReadOnlyList<string> Keywords,
    [property: Id(2)] DateOnly? From,
    [property: Id(3)] DateOnly? To,
    [property: Id(4)] string? Region,
    [property: Id(5)] string? PoolId,
    [property: Id(6)] string? Focus = null,
    [property: Id(7)] string Currency = "CNY",
    [property: Id(8)] string? AllianceId = null)
{
    public const int MaxTerms = 20;

    public static readonly IReadOnlyList<LandscapeSection> AllSections = Enum.GetValues<LandscapeSection>();

    /// <summary>Checks a scope (400 naming the field: <c>invalid_ipc</c>, <c>invalid_region</c>, <c>invalid_range</c>, <c>too_many</c>) and returns it in canonical form.</summary>
    public static LandscapeScope Validated(LandscapeScope scope)
    {
        if (scope.Ipc.Count > MaxTerms) throw DomainException.Invalid("too_many", "ipc", $"At most {MaxTerms} IPC prefixes.");
        if (scope.Keywords.Count > MaxTerms) throw DomainException.Invalid("too_many", "q", $"At most {MaxTerms} keywords.");
        var ipc = new List<string>();
        foreach (var code in scope.Ipc)
        {
            if (!IpcCode.TryNormalize(code, out _))
                throw DomainException.Invalid("invalid_ipc", "ipc", $"'{code}' is not an IPC symbol or prefix (H01M, H01M 10/052).");
            ipc.Add(IpcCode.Compact(code));
        }
        var keywords = scope.Keywords.Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
        if (keywords.Any(k => k.Length > 100)) throw DomainException.Invalid("too_long", "q", "A keyword has at most 100 characters.");
        if (scope.From is { } from && scope.To is { } to && to < from)
            throw DomainException.Invalid("invalid_range", "to", "`to` is before `from`.");
        var region = scope.Region is { } r ? RegionCode.Parse(r, "region").Value : null;
        var focus = scope.Focus;
        if (focus is not null && !focus.StartsWith("pty_", StringComparison.Ordinal)) focus = RegionCode.Parse(focus, "focus").Value;
        if (scope.Currency is not { Length: 3 } || !scope.Currency.All(char.IsAsciiLetterUpper))
            throw DomainException.Invalid("invalid_currency", "currency", "An ISO 4217 code such as CNY.");
        return scope with { Ipc = ipc, Keywords = keywords, Region = region, Focus = focus };
    }

    /// <summary>Value equality (a record compares its lists by reference).</summary>
    public bool SameAs(LandscapeScope other) =>
        Ipc.SequenceEqual(other.Ipc) && Keywords.SequenceEqual(other.Keywords) && From == other.From && To == other.To
        && Region == other.Region && PoolId == other.PoolId && Focus == other.Focus && Currency == other.Currency && AllianceId == other.AllianceId;

    /// <summary>The leading digits a party's region starts with to lie in <paramref name="region"/> (330000 → 33, 330100 → 3301).</summary>
    public static string RegionPrefix(string region) => RegionCode.Parse(region, "region").Level switch
    {
        RegionLevel.Province => region[..2],
        RegionLevel.Prefecture => region[..4],
        _ => region,
    };
}
