using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>A patent's transfer side: its export-control class (set by operators) and its transfers.</summary>
public static class PatentTransfersApi
{
    public static RouteGroupBuilder MapPatentTransfersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/patents/{number}").WithTags("Patents").RequireAuthorization();
        api.MapPut("/export-control", SetExportControl).RequireRoles(Role.Operator)
            .WithSummary("Set a patent's export-control class")
            .WithDescription("Operator. `free` (default), `restricted` or `prohibited`: what a transfer to a buyer abroad needs. Answers 200 with the patent's transfer side.")
            .Refuses(400, "validation_failed", "invalid_patent_number")
            .Refuses(404, "patent_not_found");
        api.MapGet("/transfers", Transfers)
            .WithSummary("A patent's transfers")
            .WithDescription("Any caller. The export-control class, the open transfer holding the patent, and completed transfers.")
            .Refuses(400, "invalid_patent_number")
            .Refuses(404, "patent_not_found");
        return api;
    }

    public static async Task<Results<Ok<PatentTransfersResponse>, ProblemHttpResult>> SetExportControl(
        string number, ExportControlRequest request, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var errors = new FieldErrors();
        errors.Required(request.ExportControl, "exportControl");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(Response(await grains.GetGrain<IPatentTransfers>(canonical.Value).SetExportControl(request.ExportControl!.Value)));
    }

    public static async Task<Results<Ok<PatentTransfersResponse>, ProblemHttpResult>> Transfers(string number, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        return TypedResults.Ok(Response(await grains.GetGrain<IPatentTransfers>(canonical.Value).TransferFacts()));
    }

    private static PatentTransfersResponse Response(PatentTransferFacts facts) =>
        new(facts.Number, facts.ExportControl, facts.OpenTransferId, facts.Transfers);
}
