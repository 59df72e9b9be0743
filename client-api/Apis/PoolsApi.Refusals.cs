using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Objective refusal reasons (§5 willing licensee): recorded and lifted by the administrator.</summary>
public static partial class PoolsApi
{
    public static async Task<Results<Created<Refusal>, ProblemHttpResult>> RecordRefusal(
        string id, RecordRefusalRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        var errors = new FieldErrors();
        errors.Required(request.PartyId, "partyId");
        errors.Required(request.Reason, "reason");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var refusal = await grains.GetGrain<IPoolGrain>(id).RecordRefusal(request.PartyId!, request.Reason!.Value, request.Note);
        return TypedResults.Created($"/api/v1/pools/{id}", refusal);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> LiftRefusal(
        string id, string partyId, string reason, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await RequireAdministrator(id, user, grains) is { } refused) return refused;
        if (RefusalCodes.Parse(reason) is not { } parsed)
            return Problems.Field(400, "invalid_parameter", "reason", $"One of {string.Join(", ", Enum.GetValues<RefusalReason>().Select(RefusalCodes.Code))}.");
        await grains.GetGrain<IPoolGrain>(id).LiftRefusal(partyId, parsed);
        return TypedResults.NoContent();
    }
}
