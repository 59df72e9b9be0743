using System.Globalization;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Navigation;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Patent navigation (专利导航, docs/NAVIGATION.md): the landscape of a scope, navigation projects and their reports.</summary>
public static partial class NavigationApi
{
    public static RouteGroupBuilder MapNavigationApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/navigation").WithTags("Navigation").RequireAuthorization();
        api.MapGet("/landscape", Landscape)
            .WithSummary("The patent landscape of a scope")
            .WithDescription("Any caller. Scope: patents with any of the IPC prefixes `ipc` (comma-separated) or any of the keywords `q` (comma-separated, title or abstract; neither: every patent), "
                + "filed from `from` to `to` (dates), held at least in part by a party seated in GB/T 2260 `region`, in pool `pool`, held at least in part by a member of alliance `alliance` today (an alliance the caller reads: its center and members). `sections` (comma-separated, default all): "
                + "trend, holders, composition, value, operations, positioning; positioning compares `focus` (a party id or a region code) with the scope. Values in `currency` (default CNY). "
                + "Operations amounts are shown only for buckets of at least 3 counterparties or of the caller's own deals (else `withheld`). Formulas: docs/NAVIGATION.md.")
            .Produces<Landscape>()
            .Refuses(400, "validation_failed", "invalid_ipc", "invalid_region", "invalid_range", "invalid_currency", "too_many", "too_long")
            .Refuses(404, "pool_not_found", "alliance_not_found")
            .Refuses(409, "navigation_needs_database");
        MapProjects(api, routes);
        return api;
    }

    public static async Task<Results<Ok<Landscape>, ProblemHttpResult>> Landscape(
        ClaimsPrincipal user, IGrainFactory grains, ILandscapeQueries queries, MarketClock clock, CancellationToken cancellationToken,
        string? ipc = null, string? q = null, string? from = null, string? to = null, string? region = null, string? pool = null,
        string? sections = null, string? focus = null, string? currency = null, string? alliance = null)
    {
        var errors = new FieldErrors();
        var scope = ParseScope(errors, ipc, q, from, to, region, pool, focus, currency, alliance);
        var wanted = ParseSections(sections, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        scope = LandscapeScope.Validated(scope);
        if (scope.PoolId is { } poolId && await grains.GetGrain<IPoolGrain>(poolId).Get() is null)
            return Problems.NotFound("pool_not_found", $"Pool {poolId} does not exist.");
        if (scope.AllianceId is { } allianceId && !await ReadsAlliance(Tenancy.TenantCaller.From(user), allianceId, grains))
            return AlliancesApi.NotFound(allianceId);
        var today = clock.Today;
        var facts = await queries.Facts(scope, user.PartyId(), today, cancellationToken);
        return TypedResults.Ok(LandscapeBuilder.Build(facts, scope, wanted, today, user.Has(Role.Admin)));
    }

    /// <summary>The scope of the query string; malformed values are reported in <paramref name="errors"/>, the rest by <see cref="LandscapeScope.Validated"/>.</summary>
    public static LandscapeScope ParseScope(FieldErrors errors, string? ipc, string? q, string? from, string? to, string? region, string? pool, string? focus, string? currency,
        string? alliance = null)
    {
        foreach (var (text, field) in new[] { (ipc, "ipc"), (q, "q"), (region, "region"), (pool, "pool"), (focus, "focus"), (alliance, "alliance") })
            if (text is not null && text.Contains('\0')) errors.Add(field, "Must not contain U+0000.");
        return new LandscapeScope(
            Ipc: List(ipc), Keywords: List(q), From: Date(from, "from", errors), To: Date(to, "to", errors),
            Region: Blank(region), PoolId: Blank(pool), Focus: Blank(focus), Currency: Blank(currency)?.ToUpperInvariant() ?? "CNY",
            AllianceId: Blank(alliance));
    }

    /// <summary>
    /// An alliance scope reveals who its members are: it is open to the callers that read the alliance (its center, its
    /// members of today, the admin); anyone else gets the 404 of a missing one.
    /// </summary>
    internal static async Task<bool> ReadsAlliance(Tenancy.TenantCaller caller, string allianceId, IGrainFactory grains) =>
        LicenceRequests.IsKey(allianceId) && await grains.GetGrain<Grains.Alliances.IAllianceGrain>(allianceId).Get() is { } alliance
        && Tenancy.Tenancy.CanRead(caller, Tenancy.TenantOwners.Of(alliance));

    private static List<string> List(string? text) => [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, "Expected a date (YYYY-MM-DD).");
        return null;
    }

    private static List<LandscapeSection> ParseSections(string? text, FieldErrors errors)
    {
        var sections = new List<LandscapeSection>();
        foreach (var name in List(text))
            if (WireEnum<LandscapeSection>.TryParse(name, out var section)) sections.Add(section);
            else errors.Add("sections", WireEnum<LandscapeSection>.Expected);
        return sections;
    }
}
