using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>The patent catalogue: registration, bibliographic updates, valuations, search, history.</summary>
public static class PatentsApi
{
    public static RouteGroupBuilder MapPatentsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/patents").WithTags("Patents").RequireAuthorization();
        api.MapPost("/", Register).RequireRoles(Role.Operator);
        api.MapGet("/", PatentSearch.Search);
        api.MapGet("/{number}", Get);
        api.MapPatch("/{number}", Update).RequireRoles(Role.Licensor);
        api.MapPost("/{number}/valuations", AddValuation).RequireRoles(Role.Licensor);
        api.MapGet("/{number}/history", History);
        return api;
    }

    public static async Task<Results<Created<PatentView>, ProblemHttpResult>> Register(RegisterPatentRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        PatentNumber? number = null;
        if (errors.Required(request.Number, "number") && !PatentNumber.TryParse(request.Number, out number, out var message))
            errors.Add("number", message);
        errors.Required(request.Title, "title");
        errors.Required(request.FilingDate, "filingDate");
        errors.Required(request.Status, "status");
        errors.Required(request.OwnerIds, "ownerIds");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var patent = await grains.GetGrain<IPatentGrain>(number!.Value).Register(new RegisterPatent(
            request.Title!, request.Abstract ?? "", request.Type, request.Ipc ?? [], request.FilingDate!.Value,
            request.GrantDate, request.Status!.Value, request.OwnerIds!));
        return TypedResults.Created($"/api/v1/patents/{patent.Number}", patent);
    }

    public static async Task<Results<Ok<PatentView>, ProblemHttpResult>> Get(string number, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        return await grains.GetGrain<IPatentGrain>(canonical.Value).Get() is { } patent
            ? TypedResults.Ok(patent)
            : Problems.NotFound("patent_not_found", $"Patent {canonical} is not registered.");
    }

    public static async Task<Results<Ok<PatentView>, ProblemHttpResult>> Update(string number, UpdatePatentRequest request, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var patent = await grains.GetGrain<IPatentGrain>(canonical.Value).Update(new UpdatePatent(
            request.Title, request.Abstract, request.Ipc, request.GrantDate, request.Status, request.OwnerIds));
        return TypedResults.Ok(patent);
    }

    public static async Task<Results<Created<Valuation>, ProblemHttpResult>> AddValuation(
        string number, AddValuationRequest request, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var errors = new FieldErrors();
        if (errors.Required(request.Value, "value"))
        {
            errors.Required(request.Value.Amount, "value.amount");
            errors.Required(request.Value.Currency, "value.currency");
        }
        if (request.Scores is { } scores)
        {
            errors.Required(scores.Legal, "scores.legal");
            errors.Required(scores.Technical, "scores.technical");
            errors.Required(scores.Economic, "scores.economic");
        }
        errors.Required(request.Method, "method");
        errors.Required(request.EffectiveDate, "effectiveDate");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        // The holder records the valuation its appraiser made (docs/TENANCY.md: the patent is the holder's).
        var appraiserId = request.AppraiserId;
        var valuation = await grains.GetGrain<IPatentGrain>(canonical.Value).AddValuation(new AddValuation(
            new Money(request.Value!.Amount!.Value, request.Value.Currency!), request.Method!.Value, appraiserId,
            request.EffectiveDate!.Value, request.ReportRef,
            request.Scores is { } s ? new ValuationScores(s.Legal!.Value, s.Technical!.Value, s.Economic!.Value) : null));
        return TypedResults.Created($"/api/v1/patents/{canonical}/valuations/{valuation.Id}", valuation);
    }

    public static async Task<Results<Ok<HistoryResponse>, ProblemHttpResult>> History(
        string number, IGrainFactory grains, IAuditTrail audit, long? after, int? limit, CancellationToken cancellationToken)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var take = Math.Clamp(limit ?? 50, 1, 200);
        var entries = await audit.History(PatentGrain.StateName, canonical.Value, after ?? 0, take, cancellationToken);
        if (entries.Count == 0 && (after ?? 0) == 0)
            return Problems.NotFound("patent_not_found", $"Patent {canonical} is not registered.");
        return TypedResults.Ok(new HistoryResponse(entries, entries.Count == take ? entries[^1].Version : null));
    }
}
