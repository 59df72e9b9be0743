namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// Which scopes the landscape aggregates (migration 0017, docs/NAVIGATION.md "Aggregates") answer exactly: every
/// patent or one IPC prefix of at most 4 characters (section, class, subclass — the scopes the aggregates are kept
/// for), over whole filing years (<c>from</c> a 1 January, <c>to</c> a 31 December, or open), without keywords,
/// region, pool or focus. Any other scope is computed from the catalogue rows. A new scope filter (e.g. an
/// alliance's members) must answer false here unless the aggregates are extended to it.
/// </summary>
public static class LandscapeAggregates
{
    public const int MaxScopePrefix = 4;

    public static bool Covers(LandscapeScope scope) =>
        scope.Keywords.Count == 0 && scope.Region is null && scope.PoolId is null && scope.Focus is null && scope.AllianceId is null
        && scope.Ipc.Count <= 1 && scope.Ipc.All(p => p.Length is > 0 and <= MaxScopePrefix)
        && scope.From is null or { Month: 1, Day: 1 }
        && scope.To is null or { Month: 12, Day: 31 };

    /// <summary>The aggregates' scope key: the prefix, or empty for every patent.</summary>
    public static string ScopeKey(LandscapeScope scope) => scope.Ipc.Count == 1 ? scope.Ipc[0] : "";

    /// <summary>The filing years covered, inclusive (open ends as the extreme years).</summary>
    public static (int From, int To) Years(LandscapeScope scope) => (scope.From?.Year ?? 0, scope.To?.Year ?? 9999);
}
