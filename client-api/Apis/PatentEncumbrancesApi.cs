using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// The pledgee's consents (Civil Code art. 444): the pledgee (a financier key of that party) records its consent to
/// one licence or one pool admission. The pledge itself follows the deal only (registration sets it, release clears
/// it, <c>PledgeDealGrain</c>); there is no endpoint that sets or clears it.
/// </summary>
public static class PatentEncumbrancesApi
{
    public sealed record ConsentRequest(ConsentPurpose? Purpose, string? CounterpartyId);

    public static RouteGroupBuilder MapPatentEncumbrancesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/patents/{number}").WithTags("Patents").RequireAuthorization();
        api.MapPost("/pledgee-consents", Consent).RequireRoles(Role.Financier);
        return api;
    }

    public static async Task<Results<Created<PledgeeConsent>, ProblemHttpResult>> Consent(
        string number, ConsentRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var errors = new FieldErrors();
        errors.Required(request.Purpose, "purpose");
        errors.Required(request.CounterpartyId, "counterpartyId");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (user.PartyId() is not { } pledgeeId)
            return Problems.Create(403, "forbidden", "Consent is given by the pledgee's own key.");
        var consent = await grains.GetGrain<IPatentGrain>(canonical.Value).RecordPledgeeConsent(pledgeeId, request.Purpose!.Value, request.CounterpartyId!);
        return TypedResults.Created($"/api/v1/patents/{canonical}", consent);
    }
}
