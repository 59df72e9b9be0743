using System.Security.Cryptography;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Pool and bilateral licences (§4, §5): acquisition and reading here; royalty reports, invoices and
/// CNIPA filings in <c>LicencesApi.Reports.cs</c>; open licences in <see cref="OpenLicencesApi"/>.
/// </summary>
public static partial class LicencesApi
{
    public static RouteGroupBuilder MapLicencesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1").WithTags("Licences").RequireAuthorization();
        api.MapPost("/pools/{id}/licences", AcquirePoolLicence).RequireRoles(Role.Licensee).RequireIdempotencyKey();
        api.MapPost("/licences", CreateBilateral).RequireRoles(Role.Licensor);
        api.MapGet("/licences/{id}", Get);
        api.MapPost("/licences/{id}/royalty-reports", Report).RequireRoles(Role.Licensee).RequireIdempotencyKey();
        api.MapGet("/licences/{id}/invoices", Invoices);
        api.MapPost("/licences/{id}/cnipa-filing", RecordCnipaFiling).RequireRoles(Role.Operator, Role.Licensor);
        routes.MapOpenLicencesApi();
        return api;
    }

    public static string NewId() => "lic_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static async Task<Results<Created<LicenceResponse>, ProblemHttpResult>> AcquirePoolLicence(
        string id, AcquirePoolLicenceRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, MarketClock clock)
    {
        if (!LicenceRequests.IsKey(id)) return Problems.NotFound("pool_not_found", $"Pool {id} does not exist.");
        var errors = new FieldErrors();
        LicenceRequests.RequireItems(request.Territories, "territories", errors);
        LicenceRequests.RequireItems(request.FieldsOfUse, "fieldsOfUse", errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (user.PartyId() is not { } licenseeId)
            return Problems.Create(403, "forbidden", "A licence is acquired with the licensee's own key.");

        var licenceId = IdempotencyFilter.DerivedId(http, "lic_");
        var scope = new LicenceScope(request.Territories ?? [], request.FieldsOfUse ?? [], request.Start ?? clock.Today, null);
        var licence = await grains.GetGrain<ILicenceGrain>(licenceId).CreatePool(new CreatePoolLicence(id, licenseeId, scope));
        return TypedResults.Created($"/api/v1/licences/{licenceId}", LicenceWire.FromDomain(licence));
    }

    public static async Task<Results<Created<LicenceResponse>, ProblemHttpResult>> CreateBilateral(
        CreateLicenceRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketClock clock)
    {
        var errors = new FieldErrors();
        errors.Required(request.LicenseeId, "licenseeId");
        errors.Required(request.Kind, "kind");
        var patents = LicenceRequests.Patents(request.Patents, errors);
        if (errors.Required(request.Scope, "scope"))
        {
            LicenceRequests.RequireItems(request.Scope.Territories, "scope.territories", errors);
            LicenceRequests.RequireItems(request.Scope.FieldsOfUse, "scope.fieldsOfUse", errors);
        }
        var terms = LicenceRequests.Terms(request.Terms, "terms", errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (user.PartyId() is not { } licensorId)
            return Problems.Create(403, "forbidden", "A licence is granted with the licensor's own key.");

        var s = request.Scope!;
        var scope = new LicenceScope(s.Territories ?? [], s.FieldsOfUse ?? [], s.Start ?? clock.Today, s.End);
        var licenceId = NewId();
        var licence = await grains.GetGrain<ILicenceGrain>(licenceId).CreateBilateral(
            new CreateBilateralLicence(licensorId, request.LicenseeId!, patents, request.Kind!.Value, scope, terms!));
        return TypedResults.Created($"/api/v1/licences/{licenceId}", LicenceWire.FromDomain(licence));
    }

    public static async Task<Results<Ok<LicenceResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await Visible(id, user, grains) is { } licence ? TypedResults.Ok(LicenceWire.FromDomain(licence)) : NotFound(id);

    /// <summary>
    /// The licence; that the caller may see it (the licensee, the licensor or pool administrator, the holders of the
    /// pool's patents, the admin) <see cref="Tenancy.TenancyFilter"/> checked already.
    /// </summary>
    internal static async Task<LicenceView?> Visible(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) ? await grains.GetGrain<ILicenceGrain>(id).Get() : null;

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("licence_not_found", $"Licence {id} does not exist.");
}
