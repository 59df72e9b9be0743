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
        api.MapPost("/pools/{id}/licences", AcquirePoolLicence).RequireRoles(Role.Licensee).RequireIdempotencyKey()
            .WithSummary("Acquire a pool licence")
            .WithDescription("Licensee, for its own party. The pool enrols the caller as a willing licensee: a non-exclusive, open-ended licence to the pool's patents on the card in force at `start` (default today; no territories = everywhere, no fields = every field). A replay with the same key returns the same licence. Answers 201 with the licence.")
            .Refuses(400, "validation_failed", "required", "invalid_country", "invalid_date")
            .Refuses(404, "pool_not_found")
            .Refuses(409, "uncured_breach", "invoices_unpaid_over90_days")
            .Refuses(422, "no_rate_card_in_force")
            .WithRequestExample(new AcquirePoolLicenceRequest(["CN", "DE"], ["electric_vehicles"], new DateOnly(2027, 1, 1)));
        api.MapPost("/licences", CreateBilateral).RequireRoles(Role.Licensor)
            .WithSummary("Grant a bilateral licence")
            .WithDescription("Licensor, granting from its own party: every patent must be its own. The §4 conflict rules (exclusive, sole, non-exclusive over overlapping territories, fields and periods) and pledgee consents are checked for every patent before any records the licence. Answers 201 with the licence.")
            .Refuses(400, "validation_failed", "required", "invalid_patent_number", "duplicate_patent", "invalid_country", "invalid_date", "unknown_currency", "invalid_amount", "currency_mismatch")
            .Refuses(409, "licence_conflict", "pledgee_consent_required", "licence_id_reused")
            .Refuses(422, "not_owner", "unknown_patent", "patent_not_in_force", "unknown_party", "self_licence", "co_owner_consent_required");
        api.MapGet("/licences/{id}", Get)
            .WithSummary("Get a licence")
            .WithDescription("The licensee, a licensor of the licence, or an operator; anyone else gets 404 as for a missing licence, so ids do not leak.")
            .Refuses(404, "licence_not_found");
        api.MapPost("/licences/{id}/royalty-reports", Report).RequireRoles(Role.Licensee).RequireIdempotencyKey()
            .WithSummary("Report royalty units")
            .WithDescription("The licence's licensee (or the admin). One report per calendar quarter and category; priced on the pool's locked card (most-favoured licensee) with the licence year's running position, or `units × ratePerUnit` for bilateral terms. Answers 201 with the invoice it produced.")
            .Refuses(400, "validation_failed", "required", "invalid_period", "invalid_units", "unknown_category", "too_long")
            .Refuses(403, "forbidden")
            .Refuses(404, "licence_not_found", "rate_card_not_found")
            .Refuses(409, "report_exists")
            .Refuses(422, "period_in_future", "period_outside_licence", "amount_too_large", "licence_terminated")
            .WithRequestExample(new RoyaltyReportRequest("2026-Q3", "ev_battery", "CN", 125_000));
        api.MapGet("/licences/{id}/invoices", Invoices)
            .WithSummary("List a licence's invoices")
            .WithDescription("Same readers as the licence. Oldest first, statuses as of today (`open`, `overdue` after `dueOn`, `paid`).")
            .Refuses(404, "licence_not_found");
        api.MapPost("/licences/{id}/cnipa-filing", RecordCnipaFiling).RequireRoles(Role.Operator)
            .WithSummary("Record the CNIPA filing of a licence")
            .WithDescription("Operator. The licence contract's CNIPA record (备案), due 3 months after the start; the same filing again is a no-op. Answers 200 with the licence.")
            .Refuses(400, "validation_failed", "invalid_filing_number", "date_in_future")
            .Refuses(404, "licence_not_found")
            .Refuses(409, "cnipa_already_filed");
        MapLifecycle(api);
        MapCsvImport(api);
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
    /// The licence if the caller may see it: operators (and the admin) all, a party those it is the
    /// licensee or a licensor of. Others get the same 404 as for a missing licence, so ids do not leak.
    /// </summary>
    internal static async Task<LicenceView?> Visible(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!LicenceRequests.IsKey(id)) return null;
        var licence = await grains.GetGrain<ILicenceGrain>(id).Get();
        if (licence is null || user.Has(Role.Operator)) return licence;
        return user.PartyId() is { } party && (party == licence.LicenseeId || licence.LicensorIds.Contains(party)) ? licence : null;
    }

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("licence_not_found", $"Licence {id} does not exist.");
}
