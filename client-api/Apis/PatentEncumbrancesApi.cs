using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// The pledge on a patent and the pledgee's consents (Civil Code art. 444). Until pledge deals
/// exist, an operator sets the pledged flag directly; the pledgee (a financier key of that party)
/// records its consent to one licence or one pool admission.
/// </summary>
public static class PatentEncumbrancesApi
{
    public sealed record SetPledgeRequest(string? PledgeeId);

    public sealed record ConsentRequest([Required] ConsentPurpose? Purpose, [Required] string? CounterpartyId);

    /// <summary>Body of <c>POST /api/v1/patents/{number}/co-owner-consents</c>: the licensee of the exclusive licence consented to.</summary>
    public sealed record CoOwnerConsentRequest([Required] string? LicenseeId);

    public static RouteGroupBuilder MapPatentEncumbrancesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/patents/{number}").WithTags("Patents").RequireAuthorization();
        api.MapPut("/pledge", SetPledge).RequireRoles(Role.Operator)
            .WithSummary("Set or clear a patent's pledgee")
            .WithDescription("Operator. Records the registered pledgee (null or blank clears it); licences, pool admissions and transfers of a pledged patent then need the pledgee's consent. Answers 200 with the patent.")
            .Refuses(400, "invalid_patent_number")
            .Refuses(404, "patent_not_found")
            .Refuses(422, "unknown_party");
        api.MapPost("/pledgee-consents", Consent).RequireRoles(Role.Financier)
            .WithSummary("Give a pledgee consent")
            .WithDescription("The patent's pledgee, with its own key. A consent for one purpose (licence, pool admission, transfer) and counterparty, used up by the act it allows. Answers 201 with the consent.")
            .Refuses(400, "validation_failed", "invalid_patent_number")
            .Refuses(403, "forbidden")
            .Refuses(404, "patent_not_found")
            .Refuses(422, "not_pledgee", "unknown_party");
        api.MapPost("/co-owner-consents", CoOwnerConsent).RequireRoles(Role.Licensor)
            .WithSummary("Consent as co-owner to an exclusive licence")
            .WithDescription("A co-owner of the patent, with a licensor key of its own party, consents (dated today) to one exclusive licence to `licenseeId` (§3). An exclusive licence of a co-owned patent is granted once every owner but the granting one has consented; the licence uses the consents up. Consenting again while an unused consent to the same licensee exists returns it. Answers 201 with the consent.")
            .Refuses(400, "validation_failed", "invalid_patent_number")
            .Refuses(403, "forbidden")
            .Refuses(404, "patent_not_found")
            .Refuses(422, "not_co_owner", "unknown_party", "self_licence")
            .WithRequestExample(new CoOwnerConsentRequest("pty_3f2a9c1d5e7b8a04"));
        return api;
    }

    public static async Task<Results<Ok<PatentView>, ProblemHttpResult>> SetPledge(string number, SetPledgeRequest request, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var patent = grains.GetGrain<IPatentGrain>(canonical.Value);
        await patent.SetPledge(string.IsNullOrWhiteSpace(request.PledgeeId) ? null : request.PledgeeId);
        return TypedResults.Ok((await patent.Get())!);
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

    public static async Task<Results<Created<CoOwnerConsent>, ProblemHttpResult>> CoOwnerConsent(
        string number, CoOwnerConsentRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var errors = new FieldErrors();
        errors.Required(request.LicenseeId, "licenseeId");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (user.PartyId() is not { } coOwnerId)
            return Problems.Create(403, "forbidden", "Consent is given by the co-owner's own key.");
        var patent = grains.GetGrain<IPatentGrain>(canonical.Value);
        if (await patent.Get() is null) return Problems.NotFound("patent_not_found", $"Patent {canonical} is not registered.");
        var consent = await patent.RecordCoOwnerConsent(coOwnerId, request.LicenseeId!.Trim());
        return TypedResults.Created($"/api/v1/patents/{canonical}", consent);
    }
}
