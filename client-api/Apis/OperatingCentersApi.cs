using Microsoft.Extensions.Configuration;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Operating-center settings: the commission on transfers (admin sets; anyone with a key reads).</summary>
public static class OperatingCentersApi
{
    public static RouteGroupBuilder MapOperatingCentersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/operating-centers").WithTags("Operating centers").RequireAuthorization();
        api.MapPut("/{id}", Configure).RequireRoles(Role.Admin)
            .WithSummary("Configure an operating center")
            .WithDescription("Admin only. The center's commission on transfers (`commissionBps`, 0–10 000), locked on each transfer when it opens.")
            .Refuses(400, "validation_failed", "invalid_bps")
            .Refuses(404, "party_not_found")
            .Refuses(422, "not_operating_center");
        api.MapGet("/{id}", Get)
            .WithSummary("Get an operating center's settings")
            .WithDescription("Any caller. `isDefault` is true while the center has set nothing and the market default commission applies.")
            .Refuses(404, "operating_center_not_found");
        return api;
    }

    public static async Task<Results<Ok<OperatingCenterResponse>, ProblemHttpResult>> Configure(string id, OperatingCenterRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.CommissionBps, "commissionBps");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (!LicenceRequests.IsKey(id)) return NotFound(id);
        var settings = await grains.GetGrain<IOperatingCenterGrain>(id).Configure(request.CommissionBps!.Value);
        return TypedResults.Ok(new OperatingCenterResponse(id, settings.CommissionBps, false, settings.UpdatedAt));
    }

    public static async Task<Results<Ok<OperatingCenterResponse>, ProblemHttpResult>> Get(string id, IGrainFactory grains, IConfiguration configuration)
    {
        if (!LicenceRequests.IsKey(id) || await grains.GetGrain<IPartyGrain>(id).Get() is not { Kind: PartyKind.OperatingCenter }) return NotFound(id);
        return await grains.GetGrain<IOperatingCenterGrain>(id).Get() is { } settings
            ? TypedResults.Ok(new OperatingCenterResponse(id, settings.CommissionBps, false, settings.UpdatedAt))
            : TypedResults.Ok(new OperatingCenterResponse(id, TransferSettings.DefaultCommissionBps(configuration), true, null));
    }

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound("operating_center_not_found", $"Operating center {id} does not exist.");
}
