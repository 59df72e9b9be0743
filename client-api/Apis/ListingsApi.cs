using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Listings (§10, docs/MATCHING.md): a holder, or the operating center acting for it, offers a patent or a package
/// for sale or licence. Rules live in <see cref="IListingGrain"/> and <see cref="ListingRules"/>; matching in
/// <see cref="MatchesApi"/>.
/// </summary>
public static class ListingsApi
{
    private const int MaxTitle = 200, MaxDescription = 4000;

    public static RouteGroupBuilder MapListingsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/listings").WithTags("Listings and demands").RequireAuthorization();
        api.MapPost("/", Create).RequireRoles(Role.Licensor, Role.Operator).RequireIdempotencyKey()
            .WithSummary("List a patent or a package")
            .WithDescription("The holder (a licensor key of `holderId`, which must own every patent) or an operator of the center acting for it (`centerId`, its own party). Deal type, asking terms (a price range and/or a royalty range), territories (default CN), fields of use, `validUntil`, `reportIds`: published navigation reports the caller may read that inform the listing (each report then lists it). Lapsed, invalidated or expired patents are refused, as is a licence that an existing exclusive or sole licence or a pool rules out; a pledge, a surviving exclusive licence or a co-owner is flagged in `encumbrances`. A draft unless `open` is true. The id derives from the caller and its key. Answers 201 with the listing.")
            .Refuses(400, "validation_failed", "required", "invalid_patent_number", "duplicate_patent", "unknown_currency", "invalid_amount", "invalid_bps", "invalid_date", "invalid_region", "invalid_territory", "too_long")
            .Refuses(409, "licence_conflict")
            .Refuses(422, "unknown_party", "not_operating_center", "unknown_patent", "not_owner", "patent_not_in_force", "unknown_report")
            .WithRequestExample(new CreateListingRequest("pty_0123456789abcdef", null, ["201710601862.3"], DealType.NonExclusiveLicence,
                null, new RoyaltyRangeRequest(300, 500), ["CN"], ["储能系统"], new DateOnly(2031, 6, 30), "高能量密度锂离子电池正极材料许可",
                "适用于动力电池与储能电池", "330100", true));
        api.MapGet("/", List)
            .WithSummary("List listings")
            .WithDescription("Any key. Listings in creation order, by `status` (default `open`; `open`, `matched`, `withdrawn`, `expired`; `draft` only with `holderId` or `centerId` of the caller's own party), `holderId`, `centerId`, `dealType`, `ipc` prefix. `limit` 1–100 (default 20), `cursor` from `nextCursor`.")
            .Refuses(400, "validation_failed", "invalid_parameter")
            .Refuses(403, "forbidden");
        api.MapGet("/{id}", Get)
            .WithSummary("Get a listing")
            .WithDescription("Any key once opened; a draft only its holder and center (others 404). `status` is as of today: a draft or open listing past `validUntil` is `expired`.")
            .Refuses(404, "listing_not_found");
        api.MapPost("/{id}/open", Open).RequireRoles(Role.Licensor, Role.Operator)
            .WithSummary("Open a draft listing")
            .WithDescription("The holder or its center. Re-checks the patents as they are now. Opening again is a no-op. Demands the listing fits get a feed entry. Answers 200 with the listing.")
            .Refuses(404, "listing_not_found")
            .Refuses(409, "invalid_listing_state", "listing_expired", "licence_conflict")
            .Refuses(422, "unknown_patent", "not_owner", "patent_not_in_force");
        api.MapPost("/{id}/reports", CiteReports).RequireRoles(Role.Licensor, Role.Operator)
            .WithSummary("Cite navigation reports that inform a listing")
            .WithDescription("The holder or its center. `reportIds`: 1–20 published navigation reports the caller may read; each report then lists the listing among what cites it (once the listing is no draft). Citing a report again changes nothing. Answers 200 with the listing (`reportIds`).")
            .Refuses(400, "validation_failed", "required", "too_long")
            .Refuses(404, "listing_not_found")
            .Refuses(422, "unknown_report");
        api.MapPost("/{id}/withdraw", Withdraw).RequireRoles(Role.Licensor, Role.Operator)
            .WithSummary("Withdraw a listing")
            .WithDescription("The holder or its center, from draft or open; again: a no-op. The body (`reason`, at most 2000 characters) is optional. Answers 200 with the listing.")
            .Refuses(400, "too_long")
            .Refuses(404, "listing_not_found")
            .Refuses(409, "invalid_listing_state", "listing_expired");
        return api;
    }

    public static async Task<Results<Created<ListingView>, ProblemHttpResult>> Create(
        CreateListingRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var patents = LicenceRequests.Patents(request.Patents, errors);
        if (errors.Required(request.HolderId, "holderId") && !LicenceRequests.IsKey(request.HolderId)) errors.Add("holderId", "Not a party id.");
        if (request.CenterId is not null && !LicenceRequests.IsKey(request.CenterId)) errors.Add("centerId", "Not a party id.");
        errors.Required(request.DealType, "dealType");
        errors.Required(request.ValidUntil, "validUntil");
        var price = Range(request.Price, "price", errors);
        if (request.Royalty is { } royalty)
        {
            errors.Required(royalty.MinBps, "royalty.minBps");
            errors.Required(royalty.MaxBps, "royalty.maxBps");
        }
        LicenceRequests.RequireItems(request.Territories, "territories", errors);
        LicenceRequests.RequireItems(request.FieldsOfUse, "fieldsOfUse", errors);
        if (request.Title?.Length > MaxTitle) errors.Add("title", $"At most {MaxTitle} characters.");
        if (request.Description?.Length > MaxDescription) errors.Add("description", $"At most {MaxDescription} characters.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        for (var i = 0; i < patents.Count; i++)
            if (patents.IndexOf(patents[i]) < i) return Problems.Field(400, "duplicate_patent", $"patents[{i}]", $"Patent {patents[i]} is listed twice.");
        var region = request.Region is null ? (RegionCode?)null : RegionCode.Parse(request.Region, "region");
        if (request.ReportIds is { } reports && reports.Any(r => r is null)) return Problems.Field(400, "required", $"reportIds[{reports.ToList().IndexOf(null!)}]", "Required.");

        // The holder lists its own patents, or the center acting for it does so with its operator key (docs/TENANCY.md).
        var caller = Tenancy.TenantCaller.From(user);
        if (!Tenancy.Tenancy.ActsFor(caller, request.HolderId, Role.Licensor)
            && !(request.CenterId is not null && !caller.IsAdmin && Tenancy.Tenancy.ActsFor(caller, request.CenterId, Role.Operator)))
            return Problems.Field(403, "forbidden", request.CenterId is null ? "holderId" : "centerId",
                "A holder lists its own patents with its licensor key; a center lists for a holder with its own operator key, naming itself as centerId.");
        if (await grains.GetGrain<IPartyGrain>(request.HolderId!).Get() is null)
            return Problems.Field(422, "unknown_party", "holderId", $"Party {request.HolderId} does not exist.");
        if (request.CenterId is { } centerId)
        {
            var center = await grains.GetGrain<IPartyGrain>(centerId).Get();
            if (center is null) return Problems.Field(422, "unknown_party", "centerId", $"Party {centerId} does not exist.");
            if (center.Kind != PartyKind.OperatingCenter) return Problems.Field(422, "not_operating_center", "centerId", $"Party {centerId} is not an operating center.");
            // A center acts for the holders it serves — the members of its pools — not for any holder of the market
            // (docs/TENANCY.md). The holder itself and the admin need no such link.
            if (!caller.IsAdmin && !Tenancy.Tenancy.ActsFor(caller, request.HolderId, Role.Licensor)
                && !(await Tenancy.TenantOwners.CenterMembers(centerId, grains)).Contains(request.HolderId!))
                return Problems.Field(403, "forbidden", "holderId", $"Party {request.HolderId} is not a member of a pool center {centerId} administers: a center lists only for its pools' members.");
        }

        if (await NavigationApi.UnreadableReport(caller, request.ReportIds, grains) is { } unknown) return unknown;

        var id = IdempotencyFilter.DerivedId(http, "lst_");
        var listing = await grains.GetGrain<IListingGrain>(id).Create(new CreateListing(
            request.HolderId!, request.CenterId, patents, request.DealType!.Value, price,
            request.Royalty is { } r ? new RoyaltyRange(r.MinBps!.Value, r.MaxBps!.Value) : null,
            request.Territories ?? [], request.FieldsOfUse ?? [], request.ValidUntil!.Value, request.Title, request.Description, region, request.Open == true, request.ReportIds));
        return TypedResults.Created($"/api/v1/listings/{id}", listing);
    }

    internal static MoneyRange? Range(MoneyRangeRequest? range, string field, FieldErrors errors)
    {
        if (range is null) return null;
        var ok = errors.Required(range.Min, $"{field}.min") & errors.Required(range.Max, $"{field}.max") & errors.Required(range.Currency, $"{field}.currency");
        return ok ? new MoneyRange(range.Min!.Value, range.Max!.Value, range.Currency!) : null;
    }

    public static async Task<Results<Ok<ListingsPage>, ProblemHttpResult>> List(
        string? status, string? holderId, string? centerId, string? dealType, string? ipc, string? cursor, string? limit,
        ClaimsPrincipal user, IGrainFactory grains, IMatchQueries queries, MarketClock clock)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        var wanted = OfferStatus.Open;
        if (status is not null && !WireEnum.TryParse(status, out wanted)) errors.Add("status", "One of draft, open, matched, withdrawn, expired.");
        DealType? deal = null;
        if (dealType is not null) { if (WireEnum.TryParse<DealType>(dealType, out var d)) deal = d; else errors.Add("dealType", "One of sale, exclusive_licence, non_exclusive_licence, open_licence."); }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (wanted == OfferStatus.Draft)
        {
            var caller = Tenancy.TenantCaller.From(user);
            if (!caller.IsAdmin && !(holderId is not null && caller.PartyId == holderId) && !(centerId is not null && caller.PartyId == centerId))
                return Problems.Create(403, "forbidden", "Drafts are listed only for their holder or center: give holderId or centerId of your own party.");
        }
        var page = await queries.Listings(new ListingFilter(wanted, holderId, centerId, deal, ipc is null ? null : IpcCode.Compact(ipc), clock.Today, from, size));
        var items = await Task.WhenAll(page.Ids.Select(i => grains.GetGrain<IListingGrain>(i).Get()));
        return TypedResults.Ok(new ListingsPage([.. items.OfType<ListingView>()], page.More ? PageCursor.Encode(from + page.Ids.Count) : null));
    }

    public static async Task<Results<Ok<ListingView>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) && await grains.GetGrain<IListingGrain>(id).Get() is { } listing ? TypedResults.Ok(listing) : NotFound(id);

    public static async Task<Results<Ok<ListingView>, ProblemHttpResult>> Open(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) && await grains.GetGrain<IListingGrain>(id).Get() is not null ? TypedResults.Ok(await grains.GetGrain<IListingGrain>(id).Open()) : NotFound(id);

    public static async Task<Results<Ok<ListingView>, ProblemHttpResult>> CiteReports(string id, CiteReportsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request.ReportIds is not { Count: > 0 } reportIds) return Problems.Field(400, "required", "reportIds", "Name 1 to 20 published reports.");
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IListingGrain>(id).Get() is null) return NotFound(id);
        if (await NavigationApi.UnreadableReport(Tenancy.TenantCaller.From(user), reportIds, grains) is { } unknown) return unknown;
        return TypedResults.Ok(await grains.GetGrain<IListingGrain>(id).CiteReports(reportIds));
    }

    public static async Task<Results<Ok<ListingView>, ProblemHttpResult>> Withdraw(string id, WithdrawRequest? request, IGrainFactory grains)
    {
        if (request?.Reason?.Length > 2000) return Problems.Field(400, "too_long", "reason", "At most 2000 characters.");
        return LicenceRequests.IsKey(id) && await grains.GetGrain<IListingGrain>(id).Get() is not null
            ? TypedResults.Ok(await grains.GetGrain<IListingGrain>(id).Withdraw(request?.Reason)) : NotFound(id);
    }

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("listing_not_found", $"Listing {id} does not exist.");
}

/// <summary>snake_case wire names of enums in query strings, exactly as in bodies (<c>non_exclusive_licence</c>).</summary>
internal static class WireEnum
{
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
            if (Name(candidate) == text) { value = candidate; return true; }
        value = default;
        return false;
    }

    public static string Name<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
