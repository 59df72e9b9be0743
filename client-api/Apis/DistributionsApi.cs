using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Revenue distributions (§6): the pool's administrator runs a period's distribution (once; later runs return it)
/// and reads it; a licensor reads its own statement, as JSON or CSV.
/// </summary>
public static class DistributionsApi
{
    public static RouteGroupBuilder MapDistributionsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/pools/{id}/distributions").WithTags("Distributions").RequireAuthorization();
        api.MapPost("/", Run).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Run a period's distribution")
            .WithDescription("The pool's administrator. Distributes the cash collected for one charter period (end exclusive) by value-days of the pool's patents, in one posting. 201 when this call ran it; 200 with the same body when the period was distributed before.")
            .Refuses(400, "validation_failed", "invalid_period")
            .Refuses(404, "pool_not_found")
            .Refuses(409, "concurrency_conflict")
            .Refuses(422, "period_not_aligned", "period_not_ended", "nothing_collected", "valuation_currencies_differ", "no_weight");
        api.MapGet("/{distributionId}", Get).RequireRoles(Role.Operator)
            .WithSummary("Get a distribution")
            .WithDescription("The pool's administrator. The collections, fee, lines per patent and owner, totals per licensor and the posting.")
            .Refuses(404, "pool_not_found", "distribution_not_found");
        api.MapGet("/", List).RequireRoles(Role.Operator)
            .WithSummary("A pool's distributions, newest first")
            .WithDescription("The pool's administrator. Every distribution of the pool and every supplementary distribution of late cash, "
                + "newest run first, `limit` (1–100, default 20) per page; `nextCursor` fetches the next page.")
            .Refuses(400, "invalid_parameter")
            .Refuses(404, "pool_not_found");
        api.MapPost("/{distributionId}/supplements", Supplement).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Distribute a distributed period's late cash")
            .WithDescription("The pool's administrator. Shares the cash that reached the period's collections accounts after its distribution "
                + "with exactly the original run's weights, in a posting and statements of its own (`{distributionId}_s{n}`). 201 when this "
                + "call ran it; 200 with the same body when this run id (the `Idempotency-Key`) ran it before.")
            .Refuses(404, "pool_not_found", "distribution_not_found")
            .Refuses(409, "concurrency_conflict", "already_posted")
            .Refuses(422, "nothing_collected");
        api.MapGet("/{distributionId}/statement", Statement)
            .Produces<DistributionStatement>(contentType: "application/json")
            .Produces<string>(contentType: "text/csv")
            .WithSummary("A licensor's distribution statement")
            .WithDescription("The pool's administrator, or a key of the licensor itself. The licensor's lines and total; `Accept: text/csv` gives RFC 4180 CSV.")
            .Refuses(400, "required")
            .Refuses(403, "forbidden")
            .Refuses(404, "pool_not_found", "distribution_not_found", "licensor_not_in_distribution");
        routes.MapGet("api/v1/parties/{id}/statements", LicensorStatements).WithTags("Distributions").RequireAuthorization()
            .RequireRoles(Role.Licensor)
            .WithSummary("A licensor's statements across its pools, newest first")
            .WithDescription("The licensor itself (or the admin). Its statement of every distribution and supplement that paid it, in every pool "
                + "it is a member of, newest run first, `limit` (1–100, default 20) per page; `nextCursor` fetches the next page. "
                + "Each statement's CSV is `GET /api/v1/pools/{poolId}/distributions/{distributionId}/statement`.")
            .Refuses(400, "invalid_parameter");
        return api;
    }

    /// <summary>201 with the distribution when this call ran it; 200 with the same body when it had run before.</summary>
    public static async Task<Results<Created<Distribution>, Ok<Distribution>, ProblemHttpResult>> Run(
        string id, RunDistributionRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.PeriodStart, "periodStart");
        errors.Required(request.PeriodEnd, "periodEnd");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (request.PeriodEnd <= request.PeriodStart)
            return Problems.Field(400, "invalid_period", "periodEnd", "periodEnd is the first day after the period: it must come after periodStart.");
        if (await Administered(id, user, grains) is { Refusal: { } refused }) return refused;

        var (start, end) = (request.PeriodStart!.Value, request.PeriodEnd!.Value);
        var run = await grains.GetGrain<IDistributionGrain>(DistributionPeriodRules.Key(id, start, end)).Run();
        return run.Created
            ? TypedResults.Created($"/api/v1/pools/{id}/distributions/{run.Distribution.Id}", run.Distribution)
            : TypedResults.Ok(run.Distribution);
    }

    /// <summary>201 with the supplement this call ran; 200 when the same run id (idempotency key) ran it before.</summary>
    public static async Task<Results<Created<Distribution>, Ok<Distribution>, ProblemHttpResult>> Supplement(
        string id, string distributionId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Administered(id, user, grains) is { Refusal: { } refused }) return refused;
        if (!DistributionPeriodRules.TryParseId(distributionId, out var start, out var end)) return NotFound(distributionId);
        var run = await grains.GetGrain<IDistributionGrain>(DistributionPeriodRules.Key(id, start, end))
            .Supplement(IdempotencyFilter.DerivedId(http, "sup_"));
        return run.Created
            ? TypedResults.Created($"/api/v1/pools/{id}/distributions/{run.Distribution.Id}", run.Distribution)
            : TypedResults.Ok(run.Distribution);
    }

    public const int DefaultPageSize = 20, MaxPageSize = 100;

    /// <summary>
    /// Newest run first (<c>ranAt</c>, then id, descending). The periods come from the ledger: every distribution and
    /// supplement posts <c>dist:{poolId}:{start}:{end}[:s{n}]</c>, so the postings name every period that ran.
    /// </summary>
    public static async Task<Results<Ok<DistributionPage>, ProblemHttpResult>> List(
        string id, string? cursor, int? limit, ClaimsPrincipal user, IGrainFactory grains, ILedgerQueries ledger, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize) return Problems.Field(400, "invalid_parameter", "limit", $"limit runs from 1 to {MaxPageSize}.");
        (DateTimeOffset RanAt, string Id)? after = null;
        if (cursor is not null)
        {
            if (DistributionCursor.TryParse(cursor) is not { } position) return Problems.Field(400, "invalid_parameter", "cursor", "Not a cursor of this list.");
            after = position;
        }
        if (await Administered(id, user, grains) is { Refusal: { } refused }) return refused;

        var ordered = (await Runs(id, grains, ledger, cancellationToken))
            .OrderByDescending(r => r.RanAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .Where(r => after is not { } a || r.RanAt < a.RanAt || (r.RanAt == a.RanAt && string.CompareOrdinal(r.Id, a.Id) < 0))
            .ToList();
        var page = ordered.Take(limit ?? DefaultPageSize).ToList();
        var next = ordered.Count > page.Count ? DistributionCursor.Of(page[^1]) : null;
        return TypedResults.Ok(new DistributionPage(page, next));
    }

    /// <summary>Every run of a pool: the periods come from the ledger's <c>dist:{poolId}:{start}:{end}[:s{n}]</c> postings.</summary>
    private static async Task<List<Distribution>> Runs(string poolId, IGrainFactory grains, ILedgerQueries ledger, CancellationToken cancellationToken)
    {
        var periods = (await ledger.PostingIds(DistributionPayouts.PostingId($"{poolId}:"), cancellationToken))
            .Select(p => p.Split(':'))
            .Where(p => p.Length >= 4)
            .Select(p => (Start: p[2], End: p[3]))
            .Distinct();
        var runs = new List<Distribution>();
        foreach (var (start, end) in periods)
            runs.AddRange(await grains.GetGrain<IDistributionGrain>($"{poolId}:{start}:{end}").Runs());
        return runs;
    }

    /// <summary>
    /// The licensor's statements in the pools it is a member of (only a member's patents earn there), newest run first; the
    /// cursor's key is <c>{poolId}/{distributionId}</c>, since distribution ids repeat across pools.
    /// </summary>
    public static async Task<Results<Ok<LicensorStatementPage>, ProblemHttpResult>> LicensorStatements(
        string id, string? cursor, int? limit, IGrainFactory grains, ILedgerQueries ledger, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize) return Problems.Field(400, "invalid_parameter", "limit", $"limit runs from 1 to {MaxPageSize}.");
        (DateTimeOffset RanAt, string Id)? after = null;
        if (cursor is not null)
        {
            if (DistributionCursor.TryParse(cursor) is not { } position) return Problems.Field(400, "invalid_parameter", "cursor", "Not a cursor of this list.");
            after = position;
        }
        var listings = new List<LicensorStatementListing>();
        foreach (var listing in await grains.GetGrain<IPoolDirectoryGrain>(IPoolDirectoryGrain.Key).List())
        {
            if (await grains.GetGrain<IPoolGrain>(listing.Id).Get() is not { } pool || !pool.Members.Any(m => m.PartyId == id)) continue;
            foreach (var run in await Runs(listing.Id, grains, ledger, cancellationToken))
                if (run.Licensors.FirstOrDefault(l => l.LicensorId == id) is { } total)
                    listings.Add(new LicensorStatementListing(listing.Name, run.RanAt, run.Supplement, DistributionStatements.For(run, total)));
        }
        static string Key(LicensorStatementListing l) => $"{l.Statement.PoolId}/{l.Statement.DistributionId}";
        var ordered = listings
            .OrderByDescending(l => l.RanAt).ThenByDescending(Key, StringComparer.Ordinal)
            .Where(l => after is not { } a || l.RanAt < a.RanAt || (l.RanAt == a.RanAt && string.CompareOrdinal(Key(l), a.Id) < 0))
            .ToList();
        var page = ordered.Take(limit ?? DefaultPageSize).ToList();
        var next = ordered.Count > page.Count ? DistributionCursor.Of(page[^1].RanAt, Key(page[^1])) : null;
        return TypedResults.Ok(new LicensorStatementPage(page, next));
    }

    public static async Task<Results<Ok<Distribution>, ProblemHttpResult>> Get(string id, string distributionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Administered(id, user, grains) is { Refusal: { } refused }) return refused;
        return await Find(id, distributionId, grains) is { } distribution ? TypedResults.Ok(distribution) : NotFound(distributionId);
    }

    /// <summary>The pool's administrator, or a key of the licensor itself; as CSV when the caller accepts <c>text/csv</c>.</summary>
    public static async Task<IResult> Statement(string id, string distributionId, string? licensorId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(licensorId)) return Problems.Field(400, "required", "licensorId", "Name the licensor: ?licensorId=pty_….");
        var administered = await Administered(id, user, grains);
        if (administered.Pool is null) return administered.Refusal!;
        if (administered.Refusal is not null && user.PartyId() != licensorId)
            return Problems.Create(403, "forbidden", "A statement is read by the pool's administrator or by the licensor itself.");
        if (await Find(id, distributionId, grains) is not { } distribution) return NotFound(distributionId);
        if (distribution.Licensors.FirstOrDefault(l => l.LicensorId == licensorId) is not { } total)
            return Problems.NotFound("licensor_not_in_distribution", $"Licensor {licensorId} earned nothing in distribution {distributionId}.");

        var statement = DistributionStatements.For(distribution, total);
        return http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true)
            ? TypedResults.Text(DistributionStatements.Csv(statement), "text/csv; charset=utf-8")
            : TypedResults.Ok(statement);
    }

    /// <summary>A distribution or a supplement (<c>{start}_{end}_s{n}</c>) by its id.</summary>
    private static async Task<Distribution?> Find(string id, string distributionId, IGrainFactory grains) =>
        DistributionPeriodRules.TryParseId(distributionId, out var start, out var end, out var supplement)
            ? (await grains.GetGrain<IDistributionGrain>(DistributionPeriodRules.Key(id, start, end)).Runs()).FirstOrDefault(r => r.Supplement == supplement)
            : null;

    /// <summary>
    /// The pool, and a refusal unless the caller administers it (the admin, or a key of the administrator party):
    /// 404 <c>pool_not_found</c> (then Pool is null), 403 <c>forbidden</c>.
    /// </summary>
    private static async Task<(PoolView? Pool, ProblemHttpResult? Refusal)> Administered(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IPoolGrain>(id).Get() is not { } pool)
            return (null, Problems.NotFound("pool_not_found", $"Pool {id} does not exist."));
        var administers = user.Has(Role.Admin) || (user.Has(Role.Operator) && user.PartyId() == pool.Charter.AdministratorId);
        return (pool, administers ? null : Problems.Create(403, "forbidden", $"Only the pool's administrator ({pool.Charter.AdministratorId}) runs and reads its distributions."));
    }

    private static ProblemHttpResult NotFound(string distributionId) =>
        Problems.NotFound("distribution_not_found", $"Distribution {distributionId} has not run.");
}
