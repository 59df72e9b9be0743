using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Watch lists (跟踪监测) and the notifications feed of a party (docs/MATCHING.md): what a watch follows, and the
/// entries the storage wrote in the transactions of the changes that caused them.
/// </summary>
public static class WatchesApi
{
    public static void MapWatchesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/parties/{id}").WithTags("Matching").RequireAuthorization();
        api.MapGet("/watches", List)
            .WithSummary("List a party's watches")
            .WithDescription("Any key of the party itself (or the admin).")
            .Refuses(404, "party_not_found");
        api.MapPost("/watches", Add)
            .WithSummary("Watch a holder, an IPC prefix or a keyword")
            .WithDescription("Any key of the party itself. `kind`: `holder` (`value` a party id), `ipc` (a prefix, compact form), `keyword` (中文 or English, at most 50 characters). From now on, registrations, valuations, transfers, licences and pledges of patents in scope appear in the party's feed, once each. The same watch again returns it. At most 100 watches. Answers 201 with the watch.")
            .Refuses(400, "validation_failed", "required", "invalid_ipc", "invalid_keyword")
            .Refuses(404, "party_not_found")
            .Refuses(422, "unknown_party", "too_many_watches");
        api.MapDelete("/watches/{watchId}", Remove)
            .WithSummary("Stop watching")
            .WithDescription("Any key of the party itself. Answers 200 with the removed watch; entries already in the feed stay.")
            .Refuses(404, "party_not_found", "watch_not_found");
        api.MapGet("/feed", Feed)
            .WithSummary("Read a party's notifications feed")
            .WithDescription("Any key of the party itself. Oldest first: `listing_fits_demand` (a newly opened listing fits one of its open demands) and the patent events of its watches (`registration`, `valuation`, `transfer`, `licence`, `pledge`), each exactly once. `cursor` from `nextCursor` reads newer entries; `limit` 1–100 (default 20).")
            .Refuses(400, "validation_failed", "invalid_parameter")
            .Refuses(404, "party_not_found");
    }

    public static async Task<Results<Ok<WatchesResponse>, ProblemHttpResult>> List(string id, IGrainFactory grains) =>
        await Party(id, grains) is { } missing ? missing : TypedResults.Ok(new WatchesResponse(id, await grains.GetGrain<IWatchListGrain>(id).List()));

    public static async Task<Results<Created<Watch>, ProblemHttpResult>> Add(string id, WatchRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.Kind, "kind");
        errors.Required(request.Value, "value");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await Party(id, grains) is { } missing) return missing;
        var value = request.Value!.Trim();
        switch (request.Kind!.Value)
        {
            case WatchKind.Holder:
                if (!LicenceRequests.IsKey(value) || await grains.GetGrain<IPartyGrain>(value).Get() is null)
                    return Problems.Field(422, "unknown_party", "value", $"Party {value} does not exist.");
                break;
            case WatchKind.Ipc:
                // The same rule as a demand's prefixes.
                value = DemandRules.IpcPrefix(value, "value");
                break;
            default:
                if (value.Length > DemandRules.MaxKeywordLength || TextTokens.Keyword(value).Count == 0)
                    return Problems.Field(400, "invalid_keyword", "value", $"A keyword has 1 to {DemandRules.MaxKeywordLength} characters and a word that is not a stop word.");
                break;
        }
        var watch = await grains.GetGrain<IWatchListGrain>(id).Add(request.Kind.Value, value);
        return TypedResults.Created($"/api/v1/parties/{id}/watches/{watch.Id}", watch);
    }

    public static async Task<Results<Ok<Watch>, ProblemHttpResult>> Remove(string id, string watchId, IGrainFactory grains) =>
        await Party(id, grains) is { } missing ? missing : TypedResults.Ok(await grains.GetGrain<IWatchListGrain>(id).Remove(watchId));

    public static async Task<Results<Ok<FeedPage>, ProblemHttpResult>> Feed(string id, string? cursor, string? limit, IGrainFactory grains, IMatchQueries queries)
    {
        var errors = new FieldErrors();
        var (after, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await Party(id, grains) is { } missing) return missing;
        var items = await queries.Feed(id, after, size);
        // The cursor is the last entry's sequence number: new entries only ever come after it.
        return TypedResults.Ok(new FeedPage(id, items, items.Count > 0 ? PageCursor.Encode((int)items[^1].Seq) : cursor));
    }

    private static async Task<ProblemHttpResult?> Party(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) && await grains.GetGrain<IPartyGrain>(id).Get() is not null ? null
            : Problems.NotFound("party_not_found", $"Party {id} does not exist.");
}
