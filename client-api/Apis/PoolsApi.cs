using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Patent pools (§5). Reads are public (no token needed); changes need an operator key of the
/// pool's administrator (or the admin). Handlers for patents, rate cards and refusals are in the
/// other <c>PoolsApi.*.cs</c> files.
/// </summary>
public static partial class PoolsApi
{
    public static RouteGroupBuilder MapPoolsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/pools").WithTags("Pools");
        api.MapPost("/", Create).RequireRoles(Role.Operator)
            .WithSummary("Create a pool")
            .WithDescription("Operator, for its own party as `administratorId` (or the admin). The administrator must be an `operating_center` party. `memberTerms`, `essentialityReviewRequired`, `distributionPeriod` and `maxIncreaseBps` default to royalty_free, false, quarterly and 2000. Answers 201 with the pool and `Location: /api/v1/pools/{id}`.")
            .Refuses(400, "validation_failed", "unknown_currency", "invalid_bps", "duplicate_category", "too_long", "required")
            .Refuses(403, "forbidden")
            .Refuses(409, "pool_exists")
            .Refuses(422, "unknown_party", "administrator_not_operating_center")
            .WithRequestExample(new CreatePoolRequest("锂电池标准专利池", "pty_0123456789abcdef", "CNY", ["ev_battery", "consumer_cell"], 500,
                MemberTerms.RoyaltyFree, true, DistributionPeriod.Quarterly, 2000));
        api.MapGet("/", List).AllowAnonymous()
            .WithSummary("List pools")
            .WithDescription("Anyone, without a token. Every pool with its name, administrator, currency and creation time, oldest first.");
        api.MapGet("/{id}", Get).AllowAnonymous()
            .WithSummary("Get a pool")
            .WithDescription("Anyone, without a token (§5 transparency). The charter, members, patents still in the pool (a pending withdrawal shows its `withdrawnOn`), rate cards and the first 100 current licensees, oldest first; `licenseesNextCursor` continues at `GET /api/v1/pools/{id}/licensees?cursor=` (null when that was all).")
            .Refuses(404, "pool_not_found");
        api.MapGet("/{id}/licensees", Licensees).AllowAnonymous()
            .WithSummary("List a pool's licensees")
            .WithDescription("Anyone, without a token (§5 transparency). The pool's current licensees (a terminated or surrendered licence has left), oldest enrolment first, `limit` (1–100, default 20) at a time; `nextCursor` fetches the next page (null on the last). A page never repeats or skips a licensee when licences are added while paging.")
            .Refuses(400, "validation_failed")
            .Refuses(404, "pool_not_found");
        api.MapPost("/{id}/members", AddMember).RequireRoles(Role.Operator)
            .WithSummary("Add a pool member")
            .WithDescription("The pool's administrator. Any existing party; adding a member again changes nothing. Answers 200 with the pool.")
            .Refuses(400, "required")
            .Refuses(404, "pool_not_found")
            .Refuses(422, "unknown_party");
        api.MapPost("/{id}/reports", CiteReports).RequireRoles(Role.Operator)
            .WithSummary("Cite navigation reports that inform the pool")
            .WithDescription("The pool's administrator. `reportIds`: 1–20 published navigation reports the caller may read (its center's, or a center whose pool it is a member of); each report then lists the pool among what cites it. Citing a report again changes nothing. Answers 200 with the pool (`reportIds`).")
            .Refuses(400, "validation_failed", "required", "too_long")
            .Refuses(404, "pool_not_found")
            .Refuses(422, "unknown_report");
        api.MapPost("/{id}/patents", AdmitPatent).RequireRoles(Role.Operator)
            .WithSummary("Admit a patent to the pool")
            .WithDescription("The pool's administrator. Checked in order: already pooled, the charter's essentiality review, registered, an owner is a member, granted and in force, no exclusive or sole licence, the pledgee's consent if pledged. Answers 201 with the pool patent.")
            .Refuses(400, "validation_failed", "invalid_patent_number", "required", "too_long")
            .Refuses(404, "pool_not_found", "patent_not_found")
            .Refuses(409, "patent_already_pooled", "licence_conflict", "pledgee_consent_required")
            .Refuses(422, "essentiality_opinion_required", "owner_not_member", "holder_agreement_required", "patent_not_granted", "patent_not_in_force");
        api.MapDelete("/{id}/patents/{number}", WithdrawPatent).RequireRoles(Role.Operator)
            .WithSummary("Withdraw a patent from the pool")
            .WithDescription("The pool's administrator. Takes effect at the end of the current distribution period: `withdrawnOn` is the first day of the next one; withdrawing again returns the same record.")
            .Refuses(400, "invalid_patent_number")
            .Refuses(404, "pool_not_found", "patent_not_in_pool");
        api.MapPost("/{id}/patents/{number}/agreement", AgreeToAdmission).RequireRoles(Role.Licensor)
            .WithSummary("A holder agrees to its patent's admission")
            .WithDescription("A licensor key of an owner of the patent agrees that the pool's administrator may admit it; the administrator's admission needs such an agreement (422 holder_agreement_required). Agreeing again returns the first agreement.")
            .Produces<HolderAgreement>(StatusCodes.Status201Created)
            .Refuses(400, "invalid_patent_number")
            .Refuses(403, "forbidden")
            .Refuses(404, "pool_not_found", "patent_not_found")
            .Refuses(422, "not_owner");
        api.MapPost("/{id}/rate-cards", PublishRateCard).RequireRoles(Role.Operator)
            .WithSummary("Publish a rate card")
            .WithDescription("The pool's administrator. Cards are versions, never changed: `version` is the latest + 1 (1 for the first), `currency` the pool's, `effectiveFrom` today or later and not before the previous card. Money fields are integer minor units; `ratePerUnit` is a decimal string of minor units per unit with at most four decimals. A new version may not raise a rate, cap or multiplier by more than the charter's `maxIncreaseBps`. Answers 201 with the card.")
            .Refuses(400, "validation_failed", "required", "currency_mismatch", "effective_date_in_past", "unknown_category", "duplicate_category", "invalid_amount", "invalid_bps", "negative_rate", "invalid_version")
            .Refuses(404, "pool_not_found")
            .Refuses(409, "version_conflict")
            .Refuses(422, "effective_date_before_previous", "rate_increase_exceeds_limit")
            .WithRequestExample(new RateCardBody(1, "CNY", new DateOnly(2027, 1, 1),
                [new CategoryRatesBody("ev_battery", [new TierBody(100_000, "1500"), new TierBody(null, "1000")], 50_000_000_00)],
                200_000_000_00, 10_000_00, [new RegionMultiplierBody("IN", 5000)], 1000));
        api.MapGet("/{id}/rate-cards", RateCards).AllowAnonymous()
            .WithSummary("List a pool's rate cards")
            .WithDescription("Anyone, without a token. Every published version, oldest first, and the version in force today (null before the first takes effect).")
            .Refuses(404, "pool_not_found");
        api.MapGet("/{id}/quote", Quote).AllowAnonymous()
            .WithSummary("Quote a price under today's rate card")
            .WithDescription("Anyone; a token, if sent, must authenticate (a licensee key is quoted with the compliance discount). Prices `units` of `category` in `region` in a fresh licence year; the same inputs give every caller the same amount.")
            .Refuses(400, "validation_failed", "required", "invalid_parameter", "unknown_category")
            .Refuses(401, "unauthenticated")
            .Refuses(404, "pool_not_found")
            .Refuses(422, "no_rate_card_in_force");
        api.MapPost("/{id}/refusals", RecordRefusal).RequireRoles(Role.Operator)
            .WithSummary("Record a refusal to license")
            .WithDescription("The pool's administrator. Objective reasons only (`uncured_breach`, `invoices_unpaid_over90_days`); while active, the party's pool licence is 409 with the reason as code. Recording an active reason again returns it. Answers 201 with the refusal.")
            .Refuses(400, "validation_failed", "too_long")
            .Refuses(404, "pool_not_found")
            .Refuses(422, "unknown_party");
        api.MapDelete("/{id}/refusals/{partyId}/{reason}", LiftRefusal).RequireRoles(Role.Operator)
            .WithSummary("Lift a refusal")
            .WithDescription("The pool's administrator. Answers 204; lifting twice is a no-op, lifting one never recorded is 404.")
            .Refuses(404, "pool_not_found", "refusal_not_found");
        return api;
    }

    public static async Task<Results<Created<PoolResponse>, ProblemHttpResult>> Create(CreatePoolRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketClock clock)
    {
        var errors = new FieldErrors();
        errors.Required(request.Name, "name");
        errors.Required(request.AdministratorId, "administratorId");
        errors.Required(request.Currency, "currency");
        errors.Required(request.ProductCategories, "productCategories");
        errors.Required(request.AdminFeeBps, "adminFeeBps");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!user.Has(Role.Admin) && user.PartyId() != request.AdministratorId)
            return Problems.Field(403, "forbidden", "administratorId", "An operator creates pools it administers itself.");

        var id = PoolGrain.NewId();
        var pool = await grains.GetGrain<IPoolGrain>(id).Create(new PoolCharter(
            request.Name!, request.AdministratorId!, request.Currency!, request.ProductCategories!, request.AdminFeeBps!.Value,
            request.MemberTerms ?? MemberTerms.RoyaltyFree, request.EssentialityReviewRequired ?? false,
            request.DistributionPeriod ?? DistributionPeriod.Quarterly, request.MaxIncreaseBps ?? RateCardGuard.DefaultLimitBps));
        return TypedResults.Created($"/api/v1/pools/{id}", Response(pool, clock, new PoolLicenseePage([], null)));
    }

    public static async Task<Ok<PoolListResponse>> List(IGrainFactory grains) =>
        TypedResults.Ok(new PoolListResponse(await grains.GetGrain<IPoolDirectoryGrain>(IPoolDirectoryGrain.Key).List()));

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> Get(string id, IGrainFactory grains, IPoolLicensees licensees, MarketClock clock) =>
        await grains.GetGrain<IPoolGrain>(id).Get() is { } pool
            ? TypedResults.Ok(await Response(pool, clock, licensees))
            : NotFound(id);

    public static async Task<Results<Ok<PoolLicenseeListResponse>, ProblemHttpResult>> Licensees(
        string id, IGrainFactory grains, IPoolLicensees licensees, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (after, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await grains.GetGrain<IPoolGrain>(id).Get() is null) return NotFound(id);
        var page = await licensees.Current(id, after, size);
        return TypedResults.Ok(new PoolLicenseeListResponse(id, page.Items, Cursor(page)));
    }

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> AddMember(
        string id, AddPoolMemberRequest request, ClaimsPrincipal user, IGrainFactory grains, IPoolLicensees licensees, MarketClock clock)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(request.PartyId)) return Problems.Field(400, "required", "partyId", "Required.");
        return TypedResults.Ok(await Response(await grains.GetGrain<IPoolGrain>(id).AddMember(request.PartyId), clock, licensees));
    }

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> CiteReports(
        string id, CiteReportsRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketClock clock, IPoolLicensees licensees)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        if (request.ReportIds is not { Count: > 0 } reportIds) return Problems.Field(400, "required", "reportIds", "Name 1 to 20 published reports.");
        if (await NavigationApi.UnreadableReport(Tenancy.TenantCaller.From(user), reportIds, grains) is { } unknown) return unknown;
        return TypedResults.Ok(await Response(await grains.GetGrain<IPoolGrain>(id).CiteReports(reportIds), clock, licensees));
    }

    /// <summary>404 for an unknown pool; 403 for an operator key of another party than the pool's administrator.</summary>
    private static async Task<ProblemHttpResult?> RequireAdministrator(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await grains.GetGrain<IPoolGrain>(id).Get() is not { } pool) return NotFound(id);
        return user.Has(Role.Admin) || user.PartyId() == pool.Charter.AdministratorId
            ? null
            : Problems.Create(403, "forbidden", $"Only the pool's administrator ({pool.Charter.AdministratorId}) changes pool {id}.");
    }

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound("pool_not_found", $"Pool {id} does not exist.");

    /// <summary>The public view: patents still in the pool today (a pending withdrawal shows its <c>withdrawnOn</c>).</summary>
    /// <summary>The pool with the first page of its licensee list: the pool grain does not hold the list (issue 11), its rows do.</summary>
    private static async Task<PoolResponse> Response(PoolView pool, MarketClock clock, IPoolLicensees licensees) =>
        Response(pool, clock, await licensees.Current(pool.Id, 0, PageCursor.MaxLimit));

    private static PoolResponse Response(PoolView pool, MarketClock clock, PoolLicenseePage licensees) => new(
        pool.Id, pool.Charter, pool.Members,
        [.. pool.Patents.Where(p => p.WithdrawnOn is null || p.WithdrawnOn > clock.Today)],
        [.. pool.RateCards.Select(RateCardWire.FromDomain)], licensees.Items, pool.CreatedAt, Cursor(licensees), pool.ReportIds ?? []);

    /// <summary>The keyset position (the row's <c>seq</c>) after the page's last licensee, as the API's opaque cursor.</summary>
    private static string? Cursor(PoolLicenseePage page) => page.Next is { } next ? PageCursor.Encode(checked((int)next)) : null;
}
