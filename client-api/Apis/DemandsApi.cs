using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Technology demands (§10): any party records its own need — IPC prefixes, keywords (中文 and English), budget,
/// region, deal types wanted. Rules in <see cref="DemandRules"/>; a demand is its party's own (docs/TENANCY.md).
/// </summary>
public static class DemandsApi
{
    public static RouteGroupBuilder MapDemandsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/demands").WithTags("Listings and demands").RequireAuthorization();
        api.MapPost("/", Create).RequireIdempotencyKey()
            .WithSummary("Record a technology demand")
            .WithDescription("Any key, for its own party (`partyId` defaults to it; the admin names one). At least one IPC prefix or keyword; keywords are segmented with jieba (docs/MATCHING.md); `budget` a range in minor units; `region` a GB/T 2260 code; `dealTypes` empty = any. A draft unless `open` is true. The id derives from the caller and its key. Answers 201 with the demand.")
            .Refuses(400, "validation_failed", "required", "invalid_ipc", "invalid_keyword", "too_long", "unknown_currency", "invalid_amount", "invalid_date", "invalid_region")
            .Refuses(403, "forbidden")
            .Refuses(422, "unknown_party")
            .WithRequestExample(new CreateDemandRequest(null, "动力电池正极材料技术需求", ["H01M4", "H01M10/0525"], ["锂离子电池", "正极材料", "cathode"],
                new MoneyRangeRequest(50_000_000, 300_000_000, "CNY"), "330000", [DealType.Sale, DealType.ExclusiveLicence], new DateOnly(2031, 12, 31), true));
        api.MapGet("/", List)
            .WithSummary("List the caller's demands")
            .WithDescription("A key lists its own party's demands, in creation order; the admin every party's, or one party's with `partyId`. `limit` 1–100 (default 20), `cursor` from `nextCursor`.")
            .Refuses(400, "validation_failed", "invalid_parameter")
            .Refuses(403, "forbidden");
        api.MapGet("/{id}", Get)
            .WithSummary("Get a demand")
            .WithDescription("Its party's keys and the admin; anyone else 404. `status` is as of today (a draft or open demand past `validUntil` is `expired`).")
            .Refuses(404, "demand_not_found");
        api.MapPost("/{id}/open", Open)
            .WithSummary("Open a draft demand")
            .WithDescription("Its party. Opening again is a no-op. Answers 200 with the demand.")
            .Refuses(404, "demand_not_found")
            .Refuses(409, "invalid_demand_state", "demand_expired");
        api.MapPost("/{id}/withdraw", Withdraw)
            .WithSummary("Withdraw a demand")
            .WithDescription("Its party, from draft or open; again: a no-op. The body (`reason`) is optional. Answers 200 with the demand.")
            .Refuses(400, "too_long")
            .Refuses(404, "demand_not_found")
            .Refuses(409, "invalid_demand_state", "demand_expired");
        return api;
    }

    public static async Task<Results<Created<DemandView>, ProblemHttpResult>> Create(
        CreateDemandRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.ValidUntil, "validUntil");
        var budget = ListingsApi.Range(request.Budget, "budget", errors);
        LicenceRequests.RequireItems(request.IpcPrefixes, "ipcPrefixes", errors);
        if (request.Keywords is { } keywords)
            for (var i = 0; i < keywords.Count; i++)
                if (keywords[i] is null) errors.Add($"keywords[{i}]", "Required.");
        if (request.Title?.Length > 200) errors.Add("title", "At most 200 characters.");
        if (request.PartyId is not null && !LicenceRequests.IsKey(request.PartyId)) errors.Add("partyId", "Not a party id.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var region = request.Region is null ? (RegionCode?)null : RegionCode.Parse(request.Region, "region");

        var caller = Tenancy.TenantCaller.From(user);
        var partyId = request.PartyId ?? caller.PartyId;
        if (partyId is null) return Problems.Field(400, "required", "partyId", "The admin names the party the demand is for.");
        if (!Tenancy.Tenancy.ActsFor(caller, partyId))
            return Problems.Field(403, "forbidden", "partyId", "A party records its own demands.");
        if (await grains.GetGrain<IPartyGrain>(partyId).Get() is null)
            return Problems.Field(422, "unknown_party", "partyId", $"Party {partyId} does not exist.");

        var id = IdempotencyFilter.DerivedId(http, "dmd_");
        var demand = await grains.GetGrain<IDemandGrain>(id).Create(new CreateDemand(partyId, request.Title, request.IpcPrefixes ?? [],
            request.Keywords ?? [], budget, region, request.DealTypes ?? [], request.ValidUntil!.Value, request.Open == true));
        return TypedResults.Created($"/api/v1/demands/{id}", demand);
    }

    public static async Task<Results<Ok<DemandsPage>, ProblemHttpResult>> List(
        string? partyId, string? cursor, string? limit, ClaimsPrincipal user, IGrainFactory grains, IMatchQueries queries)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var caller = Tenancy.TenantCaller.From(user);
        if (!caller.IsAdmin && partyId is not null && partyId != caller.PartyId)
            return Problems.Field(403, "forbidden", "partyId", "A party lists only its own demands.");
        var page = await queries.Demands(caller.IsAdmin ? partyId : caller.PartyId, from, size);
        var items = await Task.WhenAll(page.Ids.Select(i => grains.GetGrain<IDemandGrain>(i).Get()));
        return TypedResults.Ok(new DemandsPage([.. items.OfType<DemandView>()], page.More ? PageCursor.Encode(from + page.Ids.Count) : null));
    }

    public static async Task<Results<Ok<DemandView>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) && await grains.GetGrain<IDemandGrain>(id).Get() is { } demand ? TypedResults.Ok(demand) : NotFound(id);

    public static async Task<Results<Ok<DemandView>, ProblemHttpResult>> Open(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) && await grains.GetGrain<IDemandGrain>(id).Get() is not null ? TypedResults.Ok(await grains.GetGrain<IDemandGrain>(id).Open()) : NotFound(id);

    public static async Task<Results<Ok<DemandView>, ProblemHttpResult>> Withdraw(string id, WithdrawRequest? request, IGrainFactory grains)
    {
        if (request?.Reason?.Length > 2000) return Problems.Field(400, "too_long", "reason", "At most 2000 characters.");
        return LicenceRequests.IsKey(id) && await grains.GetGrain<IDemandGrain>(id).Get() is not null
            ? TypedResults.Ok(await grains.GetGrain<IDemandGrain>(id).Withdraw(request?.Reason)) : NotFound(id);
    }

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("demand_not_found", $"Demand {id} does not exist.");
}
