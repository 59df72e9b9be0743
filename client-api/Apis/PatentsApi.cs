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
        api.MapPost("/", Register).RequireRoles(Role.Operator)
            .WithSummary("Register a patent")
            .WithDescription("Operator. Lists a pending or granted patent still in term. Chinese numbers are check-digit verified and stored without prefix; the type follows from the number (a contradicting `type` is 400 `type_mismatch`), foreign numbers need `type`. A granted patent needs `grantDate`. Answers 201 with the patent.")
            .Refuses(400, "validation_failed", "invalid_patent_number", "type_mismatch", "invalid_ipc", "date_in_future", "invalid_grant_date", "duplicate_owner", "too_long", "required")
            .Refuses(409, "patent_exists")
            .Refuses(422, "patent_not_in_force", "unknown_party")
            .WithRequestExample(new RegisterPatentRequest("201710601862.3", "一种锂离子电池负极材料及其制备方法",
                "本发明公开了一种硅碳复合负极材料，循环寿命提高30%。", null, ["H01M4/38", "H01M10/0525"],
                new DateOnly(2017, 7, 20), new DateOnly(2020, 3, 10), Grains.Patents.LegalStatus.Granted, ["pty_0123456789abcdef"]));
        api.MapGet("/", PatentSearch.Search)
            .WithSummary("Search the patent catalogue")
            .WithDescription("Any caller. Words of `q` must all occur in the title or abstract; `ipc` is any prefix of a classification symbol; `minValue`/`maxValue` bound the current valuation (minor units). Ordered by number; `nextCursor` fetches the next page (`limit` 1–100, default 20).")
            .Refuses(400, "invalid_parameter", "invalid_ipc", "invalid_enum");
        api.MapGet("/{number}", Get)
            .WithSummary("Get a patent")
            .WithDescription("Any caller. The patent with its owners (and owner history), valuations (`currentValuation`: latest effective date), licences, pools and pledgee.")
            .Refuses(400, "invalid_patent_number")
            .Refuses(404, "patent_not_found");
        api.MapPatch("/{number}", Update).RequireRoles(Role.Licensor)
            .WithSummary("Update a patent's bibliographic data")
            .WithDescription("A holder (licensor key of an owner, docs/TENANCY.md). Fields left out stay as they are; new `ownerIds` are recorded in the owner history from today.")
            .Refuses(400, "invalid_patent_number", "invalid_ipc", "invalid_grant_date", "duplicate_owner", "too_long", "date_in_future")
            .Refuses(404, "patent_not_found")
            .Refuses(409, "concurrency_conflict")
            .Refuses(422, "unknown_party", "effective_date_before_previous");
        api.MapPost("/{number}/valuations", AddValuation).RequireRoles(Role.Licensor)
            .WithSummary("Record a valuation")
            .WithDescription("A holder (licensor key of an owner), naming its appraiser in `appraiserId`. Valuations are history, never overwritten; effective dates cannot be in the future; scores (GB/T 42748) are all three or none, 0–100 each. Answers 201 with the valuation.")
            .Refuses(400, "validation_failed", "invalid_patent_number", "invalid_amount", "unknown_currency", "invalid_score", "date_in_future", "too_long")
            .Refuses(404, "patent_not_found")
            .Refuses(422, "unknown_party");
        api.MapGet("/{number}/history", History)
            .WithSummary("A patent's change history")
            .WithDescription("Any caller. The journal, oldest first: version, operation, caller, time and the state properties each write set (`changes`, free-form). Page with `after` (the last version seen) and `limit` (1–200, default 50).")
            .Refuses(400, "invalid_patent_number")
            .Refuses(404, "patent_not_found");
        api.MapPost("/{number}/end-of-force", RecordEndOfForce).RequireRoles(Role.Operator, Role.Licensor)
            .WithSummary("Record that a patent lapsed or was invalidated")
            .WithDescription("A holder (licensor key of an owner), or an operator of a center administering a pool the patent is or was in "
                + "(operating centers record CNIPA events, §1; docs/TENANCY.md); others 403 `forbidden`. The patent lapsed (e.g. an unpaid annuity) or was invalidated "
                + "on `date`; it counts in distributions on the days before that date. The same record again is a no-op. Answers 200 with the patent.")
            .Refuses(400, "validation_failed", "invalid_patent_number", "invalid_status", "date_in_future", "too_long")
            .Refuses(403, "forbidden")
            .Refuses(404, "patent_not_found")
            .Refuses(409, "end_of_force_recorded", "concurrency_conflict")
            .Refuses(422, "patent_not_granted", "date_before_grant", "date_after_expiry")
            .WithRequestExample(new EndOfForceRequest(Grains.Patents.LegalStatus.Lapsed, new DateOnly(2030, 5, 1), "CNIPA-2030-0501-0001"));
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

    public static async Task<Results<Ok<PatentView>, ProblemHttpResult>> RecordEndOfForce(string number, EndOfForceRequest request, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var errors = new FieldErrors();
        errors.Required(request.Status, "status");
        errors.Required(request.Date, "date");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(await grains.GetGrain<IPatentGrain>(canonical.Value).RecordEndOfForce(request.Status!.Value, request.Date!.Value, request.Reference));
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
