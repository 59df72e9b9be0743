using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Admitting and withdrawing pool patents.</summary>
public static partial class PoolsApi
{
    public static async Task<Results<Created<PoolPatent>, ProblemHttpResult>> AdmitPatent(
        string id, AdmitPatentRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        var errors = new FieldErrors();
        PatentNumber? number = null;
        if (errors.Required(request.Number, "number") && !PatentNumber.TryParse(request.Number, out number, out var message))
            errors.Add("number", message);
        if (request.EssentialityOpinion is { Positive: null }) errors.Add("essentialityOpinion.positive", "Required.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var opinion = request.EssentialityOpinion is { } o ? new EssentialityOpinion(o.Positive!.Value, o.AppraiserId, o.ReportRef) : null;
        // The administrator admits only what a holder agreed to; the admin crosses tenants (docs/TENANCY.md).
        var admitted = await grains.GetGrain<IPoolGrain>(id).AdmitPatent(number!.Value, opinion, requireHolderAgreement: !user.Has(Grains.Parties.Role.Admin));
        return TypedResults.Created($"/api/v1/pools/{id}", admitted);
    }

    /// <summary>The holder's key (the tenancy filter checked it holds the patent); for the admin, the first owner.</summary>
    public static async Task<Results<Created<HolderAgreement>, ProblemHttpResult>> AgreeToAdmission(
        string id, string number, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        if (await grains.GetGrain<IPoolGrain>(id).Get() is null) return NotFound(id);
        var holderId = user.PartyId() ?? (await grains.GetGrain<IPatentGrain>(canonical.Value).Get())?.OwnerIds.FirstOrDefault();
        if (holderId is null) return Problems.NotFound("patent_not_found", $"Patent {canonical} is not registered.");
        return TypedResults.Created($"/api/v1/pools/{id}", await grains.GetGrain<IPoolGrain>(id).AgreeToAdmission(canonical.Value, holderId));
    }

    public static async Task<Results<Ok<PoolPatent>, ProblemHttpResult>> WithdrawPatent(
        string id, string number, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        return TypedResults.Ok(await grains.GetGrain<IPoolGrain>(id).WithdrawPatent(canonical.Value));
    }
}
