using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Open licences (开放许可, Patent Law arts. 50–52): the owner publishes a rate; any licensee that
/// accepts it gets a non-exclusive licence on exactly those terms. Offers are public.
/// </summary>
public static class OpenLicencesApi
{
    public static RouteGroupBuilder MapOpenLicencesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/patents/{number}/open-licence").WithTags("Licences").RequireAuthorization();
        api.MapPost("/", Publish).RequireRoles(Role.Licensor)
            .WithSummary("Publish an open-licence offer")
            .WithDescription("A licensor that owns the patent (开放许可). Publishing again makes a new `version`; licences accepted before keep their terms. Territories default to CN. Answers 201 with the offer.")
            .Refuses(400, "validation_failed", "invalid_patent_number", "required", "unknown_currency", "invalid_amount", "invalid_country", "currency_mismatch")
            .Refuses(404, "patent_not_found")
            .Refuses(409, "licence_conflict")
            .Refuses(422, "not_owner", "patent_not_in_force");
        api.MapGet("/", Get)
            .WithSummary("Get a patent's open-licence offer")
            .WithDescription("Any caller. The current offer with its version, terms and the licences accepted under it.")
            .Refuses(400, "invalid_patent_number")
            .Refuses(404, "open_licence_not_found");
        api.MapPost("/accept", Accept).RequireRoles(Role.Licensee).RequireIdempotencyKey()
            .WithSummary("Accept an open licence")
            .WithDescription("Licensee, for its own party. Creates a non-exclusive bilateral licence from today until the patent expires on exactly the offer's terms; the optional `version` guards against accepting a changed offer unseen. Answers 201 with the licence.")
            .Refuses(400, "invalid_patent_number")
            .Refuses(404, "open_licence_not_found")
            .Refuses(409, "offer_changed", "licence_conflict", "pledgee_consent_required")
            .Refuses(422, "self_licence", "patent_not_in_force");
        return api;
    }

    public static async Task<Results<Created<OpenLicenceResponse>, ProblemHttpResult>> Publish(
        string number, OpenLicenceRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        var errors = new FieldErrors();
        var terms = LicenceRequests.Terms(request.Terms, "terms", errors);
        LicenceRequests.RequireItems(request.Territories, "territories", errors);
        LicenceRequests.RequireItems(request.FieldsOfUse, "fieldsOfUse", errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (user.PartyId() is not { } ownerId)
            return Problems.Create(403, "forbidden", "An open licence is published with the owner's own key.");

        var offer = await grains.GetGrain<IOpenLicenceGrain>(canonical.Value).Publish(ownerId,
            new PublishOpenLicence(terms!, request.Territories is { Count: > 0 } t ? t : ["CN"], request.FieldsOfUse ?? []));
        return TypedResults.Created($"/api/v1/patents/{canonical}/open-licence", LicenceWire.FromDomain(offer));
    }

    public static async Task<Results<Ok<OpenLicenceResponse>, ProblemHttpResult>> Get(string number, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        return await grains.GetGrain<IOpenLicenceGrain>(canonical.Value).Get() is { } offer
            ? TypedResults.Ok(LicenceWire.FromDomain(offer))
            : Problems.NotFound("open_licence_not_found", $"Patent {canonical} has no open-licence offer.");
    }

    public static async Task<Results<Created<LicenceResponse>, ProblemHttpResult>> Accept(
        string number, AcceptOpenLicenceRequest? request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PatentNumber.TryParse(number, out var canonical, out var message))
            return Problems.InvalidPatentNumber(message);
        if (user.PartyId() is not { } licenseeId)
            return Problems.Create(403, "forbidden", "An open licence is accepted with the licensee's own key.");
        var licenceId = IdempotencyFilter.DerivedId(http, "lic_");
        var licence = await grains.GetGrain<IOpenLicenceGrain>(canonical.Value).Accept(licenceId, licenseeId, request?.Version);
        return TypedResults.Created($"/api/v1/licences/{licence.Id}", LicenceWire.FromDomain(licence));
    }
}
