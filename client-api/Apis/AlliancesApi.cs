using System.Globalization;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Alliances;
using PatentNav.Market.Grains.Indexes;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Industry IP alliances (产业知识产权联盟, §11, docs/NAVIGATION.md "Alliances"): an operating center runs one for at least
/// two members; members join and leave on dates; the alliance is filed (备案) with the IP office. Its members' patents are
/// a landscape scope (<c>alliance=</c>). Who reads and acts: docs/TENANCY.md (the center acts; it and the members read).
/// </summary>
public static class AlliancesApi
{
    public static RouteGroupBuilder MapAlliancesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/alliances").WithTags("Alliances").RequireAuthorization();
        api.MapPost("/", Create).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Found an industry IP alliance")
            .WithDescription("An operator of `centerId` (its own operating center), or the admin. The charter (name, purpose, industry scope, form `company`/`association`/`contract`, members' rights and duties, governance, funding, amendment, dissolution: all required) and at least two founding members (registered parties, each with `joinedOn`, default today, not in the future). The id derives from the caller and its key. Answers 201 with the alliance.")
            .Produces<AllianceView>(201)
            .Refuses(400, "validation_failed", "required", "too_long", "too_few_members", "duplicate_member", "date_in_future")
            .Refuses(403, "forbidden")
            .Refuses(422, "unknown_party", "not_operating_center")
            .WithRequestExample(new CreateAllianceRequest("pty_0123456789abcdef",
                new AllianceCharterBody("长三角动力电池产业知识产权联盟", "协同创新、专利池运营与联合维权", "动力电池及储能（IPC H01M）", AllianceForm.Association,
                    "成员共享导航分析，按专利价值分配专利池收益；成员履行专利信息报送义务", "理事会一年一届，重大事项三分之二多数通过", "成员会费与专利运营收益",
                    "章程修改须全体成员大会三分之二多数通过", "成员不足两家或大会决议时解散，剩余财产按出资比例分配"),
                [new AllianceMemberRequest("pty_1111111111111111", new DateOnly(2030, 1, 2)), new AllianceMemberRequest("pty_2222222222222222", null)]));
        api.MapGet("/", List)
            .WithSummary("List the caller's alliances")
            .WithDescription("The alliances the caller runs (its center) or is a member of today; the admin every alliance. Oldest first; `limit` 1–100 (default 20), `cursor` from `nextCursor`.")
            .Produces<AlliancesPage>()
            .Refuses(400, "validation_failed", "invalid_parameter");
        api.MapGet("/{id}", Get)
            .WithSummary("Get an alliance")
            .WithDescription("Its center and its members of today (and the admin); anyone else 404. Charter, every membership period, the members of today, the filing.")
            .Produces<AllianceView>()
            .Refuses(404, "alliance_not_found");
        api.MapGet("/{id}/members", Members)
            .WithSummary("An alliance's members on a day")
            .WithDescription("The same readers. The parties that are members on `on` (default today: joined on or before it, not left by it) and every membership period.")
            .Produces<AllianceMembersResponse>()
            .Refuses(400, "validation_failed")
            .Refuses(404, "alliance_not_found");
        api.MapPost("/{id}/members", Join).RequireRoles(Role.Operator)
            .WithSummary("A party joins an alliance")
            .WithDescription("The center's operators. `partyId` (a registered party) joins on `joinedOn` (default today, not in the future; after its last period ended if it was a member before). The same joining again answers the alliance unchanged. Answers 200 with the alliance.")
            .Produces<AllianceView>()
            .Refuses(400, "validation_failed", "required", "date_in_future")
            .Refuses(404, "alliance_not_found")
            .Refuses(409, "already_member")
            .Refuses(422, "unknown_party", "joined_before_leaving");
        api.MapPost("/{id}/members/{partyId}/departure", Leave).RequireRoles(Role.Operator)
            .WithSummary("A member leaves an alliance")
            .WithDescription("The center's operators. The member's period ends on `leftOn` (default today; from its joining day to today): it is no member from that day. At least two members must remain (409 `too_few_members`: an alliance of one is dissolved). The same departure again answers unchanged. Answers 200 with the alliance.")
            .Produces<AllianceView>()
            .Refuses(400, "validation_failed", "date_in_future")
            .Refuses(404, "alliance_not_found", "member_not_found")
            .Refuses(409, "too_few_members")
            .Refuses(422, "left_before_joining");
        api.MapPost("/{id}/filing", File).RequireRoles(Role.Operator)
            .WithSummary("Record an alliance's filing (备案)")
            .WithDescription("The center's operators. The IP office's `filingNumber` and `filedOn` (not in the future), once; the same filing again answers unchanged, another is 409 `alliance_already_filed`. Answers 200 with the alliance.")
            .Produces<AllianceView>()
            .Refuses(400, "validation_failed", "required", "invalid_filing_number", "date_in_future")
            .Refuses(404, "alliance_not_found")
            .Refuses(409, "alliance_already_filed");
        return api;
    }

    public static async Task<Results<Created<AllianceView>, ProblemHttpResult>> Create(
        CreateAllianceRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (errors.Required(request.CenterId, "centerId") && !LicenceRequests.IsKey(request.CenterId)) errors.Add("centerId", "Not a party id.");
        var c = request.Charter;
        if (errors.Required(c, "charter")) errors.Required(c.Form, "charter.form");
        if (errors.Required(request.Members, "members"))
            for (var i = 0; i < request.Members.Count; i++)
                if (request.Members[i] is not { } m) errors.Add($"members[{i}]", "Required.");
                else if (errors.Required(m.PartyId, $"members[{i}].partyId") && !LicenceRequests.IsKey(m.PartyId)) errors.Add($"members[{i}].partyId", "Not a party id.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!Tenancy.Tenancy.ActsFor(Tenancy.TenantCaller.From(user), request.CenterId, Role.Operator))
            return Problems.Field(403, "forbidden", "centerId", "An operating center founds alliances it runs itself, with an operator key.");
        var center = await grains.GetGrain<IPartyGrain>(request.CenterId!).Get();
        if (center is null) return Problems.Field(422, "unknown_party", "centerId", $"Party {request.CenterId} does not exist.");
        if (center.Kind != PartyKind.OperatingCenter) return Problems.Field(422, "not_operating_center", "centerId", $"Party {request.CenterId} is not an operating center.");

        var id = IdempotencyFilter.DerivedId(http, "all_");
        var alliance = await grains.GetGrain<IAllianceGrain>(id).Create(new CreateAlliance(request.CenterId!,
            new AllianceCharter(c!.Name ?? "", c.Purpose ?? "", c.IndustryScope ?? "", c.Form!.Value, c.RightsAndDuties ?? "", c.Governance ?? "",
                c.Funding ?? "", c.Amendment ?? "", c.Dissolution ?? ""),
            [.. request.Members!.Select(m => new NewAllianceMember(m.PartyId!, m.JoinedOn))]));
        return TypedResults.Created($"/api/v1/alliances/{id}", alliance);
    }

    public static async Task<Results<Ok<AlliancesPage>, ProblemHttpResult>> List(ClaimsPrincipal user, IGrainFactory grains, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var caller = Tenancy.TenantCaller.From(user);
        if (!caller.IsAdmin && caller.PartyId is null) return TypedResults.Ok(new AlliancesPage([], null));
        // The party's list holds every alliance it ever ran or joined; a former member no longer reads one, so it is filtered.
        var all = await grains.GetGrain<IIndexGrain>(caller.IsAdmin ? IndexKeys.Alliances : IndexKeys.PartyAlliances(caller.PartyId!)).Page(0, int.MaxValue);
        var readable = new List<AllianceView>();
        foreach (var allianceId in all.Ids)
            if (await grains.GetGrain<IAllianceGrain>(allianceId).Get() is { } a && Tenancy.Tenancy.CanRead(caller, Tenancy.TenantOwners.Of(a)))
                readable.Add(a);
        var page = readable.Skip(from).Take(size).ToList();
        return TypedResults.Ok(new AlliancesPage(page, PageCursor.Next(from, page.Count, readable.Count)));
    }

    public static async Task<Results<Ok<AllianceView>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) && await grains.GetGrain<IAllianceGrain>(id).Get() is { } alliance ? TypedResults.Ok(alliance) : NotFound(id);

    public static async Task<Results<Ok<AllianceMembersResponse>, ProblemHttpResult>> Members(string id, IGrainFactory grains, MarketClock clock, string? on = null)
    {
        var day = clock.Today;
        if (on is not null && !DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return Problems.Validation(new Dictionary<string, string[]> { ["on"] = ["Expected a date (YYYY-MM-DD)."] });
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IAllianceGrain>(id).Get() is not { } alliance) return NotFound(id);
        return TypedResults.Ok(new AllianceMembersResponse(id, day, AllianceRules.MembersOn(alliance.Members, day), alliance.Members));
    }

    public static async Task<Results<Ok<AllianceView>, ProblemHttpResult>> Join(string id, AllianceMemberRequest request, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.PartyId)) return Problems.Field(400, "required", "partyId", "Required.");
        if (!LicenceRequests.IsKey(request.PartyId)) return Problems.Validation(new Dictionary<string, string[]> { ["partyId"] = ["Not a party id."] });
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IAllianceGrain>(id).Get() is null) return NotFound(id);
        return TypedResults.Ok(await grains.GetGrain<IAllianceGrain>(id).Join(new NewAllianceMember(request.PartyId, request.JoinedOn)));
    }

    public static async Task<Results<Ok<AllianceView>, ProblemHttpResult>> Leave(string id, string partyId, AllianceDepartureRequest? request, IGrainFactory grains)
    {
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IAllianceGrain>(id).Get() is null) return NotFound(id);
        return TypedResults.Ok(await grains.GetGrain<IAllianceGrain>(id).Leave(partyId, request?.LeftOn));
    }

    public static async Task<Results<Ok<AllianceView>, ProblemHttpResult>> File(string id, AllianceFilingRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.FilingNumber, "filingNumber");
        errors.Required(request.FiledOn, "filedOn");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IAllianceGrain>(id).Get() is null) return NotFound(id);
        return TypedResults.Ok(await grains.GetGrain<IAllianceGrain>(id).File(request.FilingNumber!, request.FiledOn!.Value));
    }

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("alliance_not_found", $"Alliance {id} does not exist.");
}
