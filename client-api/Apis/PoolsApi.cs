using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pools;

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
        api.MapPost("/", Create).RequireRoles(Role.Operator);
        api.MapGet("/", List).AllowAnonymous();
        api.MapGet("/{id}", Get).AllowAnonymous();
        api.MapPost("/{id}/members", AddMember).RequireRoles(Role.Operator);
        api.MapPost("/{id}/patents", AdmitPatent).RequireRoles(Role.Operator);
        api.MapDelete("/{id}/patents/{number}", WithdrawPatent).RequireRoles(Role.Operator);
        api.MapPost("/{id}/patents/{number}/agreement", AgreeToAdmission).RequireRoles(Role.Licensor)
            .WithSummary("A holder agrees to its patent's admission")
            .WithDescription("A licensor key of an owner of the patent agrees that the pool's administrator may admit it; the administrator's admission needs such an agreement (422 holder_agreement_required). Agreeing again returns the first agreement.")
            .Produces<HolderAgreement>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        api.MapPost("/{id}/rate-cards", PublishRateCard).RequireRoles(Role.Operator);
        api.MapGet("/{id}/rate-cards", RateCards).AllowAnonymous();
        api.MapGet("/{id}/quote", Quote).AllowAnonymous();
        api.MapPost("/{id}/refusals", RecordRefusal).RequireRoles(Role.Operator);
        api.MapDelete("/{id}/refusals/{partyId}/{reason}", LiftRefusal).RequireRoles(Role.Operator);
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
        return TypedResults.Created($"/api/v1/pools/{id}", Response(pool, clock));
    }

    public static async Task<Ok<PoolListResponse>> List(IGrainFactory grains) =>
        TypedResults.Ok(new PoolListResponse(await grains.GetGrain<IPoolDirectoryGrain>(IPoolDirectoryGrain.Key).List()));

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> Get(string id, IGrainFactory grains, MarketClock clock) =>
        await grains.GetGrain<IPoolGrain>(id).Get() is { } pool
            ? TypedResults.Ok(Response(pool, clock))
            : NotFound(id);

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> AddMember(
        string id, AddPoolMemberRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketClock clock)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(request.PartyId)) return Problems.Field(400, "required", "partyId", "Required.");
        return TypedResults.Ok(Response(await grains.GetGrain<IPoolGrain>(id).AddMember(request.PartyId), clock));
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
    private static PoolResponse Response(PoolView pool, MarketClock clock) => new(
        pool.Id, pool.Charter, pool.Members,
        [.. pool.Patents.Where(p => p.WithdrawnOn is null || p.WithdrawnOn > clock.Today)],
        [.. pool.RateCards.Select(RateCardWire.FromDomain)], pool.Licensees, pool.CreatedAt);
}
