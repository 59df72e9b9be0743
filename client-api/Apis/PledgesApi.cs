using Microsoft.Extensions.Configuration;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Pledge financing (§8): application and reading here; loan steps in <c>PledgesApi.Steps.cs</c>, the portfolio in
/// <c>PledgesApi.Portfolio.cs</c>. The grain holds every rule; endpoints check presence and who may act.
/// </summary>
public static partial class PledgesApi
{
    public static RouteGroupBuilder MapPledgesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/pledges").WithTags("Pledges").RequireAuthorization();
        api.MapPost("/", Apply).RequireRoles(Role.Licensor, Role.Financier).RequireIdempotencyKey()
            .WithSummary("Apply for a patent-pledge loan")
            .WithDescription("The pledgor (a licensor key) or the financier, for its own party. The product terms are copied onto the deal; `riskSharing` defaults to the Guangzhou 2025 scheme. `centerId` (optional) names the operating center that files the CNIPA pledge registration on the parties' behalf (422 `unknown_party` / `not_operating_center` on `centerId` otherwise): its operators then read the deal and record its registration. The deal id derives from the caller and its key. Answers 201 with the deal in `applied`.")
            .Refuses(400, "validation_failed", "required", "invalid_patent_number", "duplicate_patent", "unknown_currency", "invalid_amount", "invalid_bps", "invalid_enum")
            .Refuses(403, "forbidden")
            .Refuses(409, "pledge_exists", "patent_already_pledged")
            .Refuses(422, "unknown_party", "unknown_patent", "not_owner", "principal_too_large", "not_a_financier", "not_operating_center")
            .WithRequestExample(new PledgeApplicationRequest("pty_0123456789abcdef", "pty_bank000000000001", ["201710601862.3"],
                new MoneyRequest(5_000_000_00, "CNY"),
                new PledgeProductRequest("知识产权质押贷", 435, 12, Grains.Pledges.RepaymentKind.Bullet, null, 10, 500, 30), null, "pty_center0000000001"));
        api.MapGet("/{id}", Get)
            .WithSummary("Get a pledge deal")
            .WithDescription("The pledgor, the financier, the operators of the deal's `centerId` (the center filing its registration) and the admin; anyone else gets 404. Balances projected to today, coverage and LTV in bps, the next due date, margin calls and the event history.")
            .Refuses(404, "pledge_not_found");
        MapSteps(api);
        routes.MapGet("api/v1/operating-centers/{id}/pledges", CenterPledges).WithTags("Pledges").RequireAuthorization().RequireRoles(Role.Operator)
            .WithSummary("List the pledge deals whose registration a center files")
            .WithDescription("The deals naming `id` as `centerId`, oldest first (the longest waiting first); `status=approved` gives those waiting on the "
                + "center's CNIPA pledge registration. `limit` (1–100, default 20) and `cursor` (from `nextCursor`). The center's own operators and the admin; "
                + "other operators 403 `forbidden`.")
            .Refuses(400, "validation_failed")
            .Refuses(403, "forbidden");
        routes.MapGet("api/v1/financiers/{id}/portfolio", Portfolio).WithTags("Pledges").RequireAuthorization().RequireRoles(Role.Financier)
            .Produces<PortfolioResponse>(contentType: "application/json")
            .Produces<string>(contentType: "text/csv")
            .WithSummary("A financier's portfolio")
            .WithDescription("The financier itself. One row per deal with outstanding principal, interest, collateral value, coverage, LTV and open margin calls; `sort` by `[-]id|status|outstandingPrincipal|coverageBps|ltvBps|nextDueDate|collateralValue`; `Accept: text/csv` gives CSV.")
            .Refuses(400, "invalid_sort")
            .Refuses(403, "forbidden");
        return api;
    }

    public static async Task<Results<Created<PledgeDealView>, ProblemHttpResult>> Apply(
        PledgeApplicationRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.PledgorId, "pledgorId");
        errors.Required(request.FinancierId, "financierId");
        if (errors.Required(request.Patents, "patents"))
            for (var i = 0; i < request.Patents.Length; i++) errors.Required(request.Patents[i], $"patents[{i}]");
        if (errors.Required(request.Principal, "principal"))
        {
            errors.Required(request.Principal.Amount, "principal.amount");
            errors.Required(request.Principal.Currency, "principal.currency");
        }
        if (errors.Required(request.Product, "product"))
        {
            errors.Required(request.Product.AnnualRateBps, "product.annualRateBps");
            errors.Required(request.Product.TermMonths, "product.termMonths");
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        // The pledgor applies with its licensor key, or the financier with its financier key; then the pledgor must
        // accept before the deal proceeds (docs/TENANCY.md: the patents are the pledgor's).
        var caller = Tenancy.TenantCaller.From(user);
        var byPledgor = Tenancy.Tenancy.ActsFor(caller, request.PledgorId, Role.Licensor);
        if (!byPledgor && !Tenancy.Tenancy.ActsFor(caller, request.FinancierId, Role.Financier))
            return Problems.Field(403, "forbidden", "pledgorId", "The pledgor (licensor key) or the financier (financier key) applies, with its own key.");
        var p = request.Product!;
        var product = new FinancierProduct(request.FinancierId!, p.Name ?? "pledge loan", request.Principal!.Currency!, p.LtvCaps ?? LtvCaps.Default,
            p.AnnualRateBps!.Value, p.TermMonths!.Value, p.Schedule ?? RepaymentKind.Bullet, p.GraceDays ?? 30, p.MarginBufferBps ?? 1_000, p.CurePeriodDays ?? 30);
        var id = IdempotencyFilter.DerivedId(http, "plg_");
        var view = await grains.GetGrain<IPledgeDealGrain>(id).Apply(new ApplyForPledge(request.PledgorId!, request.FinancierId!, request.Patents!,
            new Money(request.Principal.Amount!.Value, request.Principal.Currency!), product, request.RiskSharing, byPledgor,
            string.IsNullOrEmpty(request.CenterId) ? null : request.CenterId));
        return TypedResults.Created($"/api/v1/pledges/{id}", view);
    }

    public static async Task<Results<Ok<PledgeDealView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await Visible(id, user, grains) is { } deal ? TypedResults.Ok(deal) : NotFound(id);

    /// <summary>The deal; who may see it (its pledgor and financier, and the admin) <see cref="Tenancy.TenancyFilter"/> checked already.</summary>
    internal static async Task<PledgeDealView?> Visible(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) ? await grains.GetGrain<IPledgeDealGrain>(id).Get() : null;

    /// <summary>Who may list (the center itself, the admin) the tenancy filter checked (TenancyRules); the index lists ids in the order applied.</summary>
    public static async Task<Results<Ok<CenterPledgeListResponse>, ProblemHttpResult>> CenterPledges(
        string id, IGrainFactory grains, string? status = null, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        PledgeStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (WireEnum<PledgeStatus>.TryParse(status, out var s)) wanted = s;
            else errors.Add("status", WireEnum<PledgeStatus>.Expected);
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var all = await grains.GetGrain<Grains.Indexes.IIndexGrain>(Grains.Indexes.IndexKeys.CenterPledges(id)).Page(0, int.MaxValue);
        var deals = (await Task.WhenAll(all.Ids.Select(d => grains.GetGrain<IPledgeDealGrain>(d).Get())))
            .OfType<PledgeDealView>()
            .Where(d => wanted is null || d.Status == wanted)
            .ToList();
        var page = deals.Skip(from).Take(size).ToList();
        return TypedResults.Ok(new CenterPledgeListResponse(id, page, PageCursor.Next(from, page.Count, deals.Count)));
    }

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("pledge_not_found", $"Pledge deal {id} does not exist.");
}
