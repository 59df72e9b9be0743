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
        api.MapPost("/", Publish).RequireRoles(Role.Licensor);
        api.MapGet("/", Get);
        api.MapPost("/accept", Accept).RequireRoles(Role.Licensee).RequireIdempotencyKey();
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
