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
        var admitted = await grains.GetGrain<IPoolGrain>(id).AdmitPatent(number!.Value, opinion);
        return TypedResults.Created($"/api/v1/pools/{id}", admitted);
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
