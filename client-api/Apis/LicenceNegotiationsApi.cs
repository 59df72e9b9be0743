using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Licence negotiations (docs/MATCHING.md, "Licence negotiation"): opened from a match of a demand with a licence listing
/// (<see cref="MatchesApi"/>), then offers and counter-offers as versions, and the licence granted when the awaited side
/// accepts. Rules in <see cref="NegotiationRules"/>; the licence's own rules in <see cref="ILicenceGrain.CreateBilateral"/>.
/// </summary>
public static class LicenceNegotiationsApi
{
    private const int MaxReason = 2000;

    public static RouteGroupBuilder MapLicenceNegotiationsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/licence-negotiations").WithTags("Matching").RequireAuthorization();
        api.MapGet("/{id}", Get)
            .WithSummary("Get a licence negotiation")
            .WithDescription("The licensee (any key of the demand's party), the holder (licensor keys), the listing's center (operator keys) and the admin; anyone else 404. Every offer (version, side, scope, terms, respond-by day), the version awaiting an answer and from which side, the licence once concluded. `status` is as of today: an open negotiation whose current offer was not answered by its `respondBy` is `expired`.")
            .Produces<LicenceNegotiationResponse>()
            .Refuses(404, "negotiation_not_found");
        api.MapPost("/{id}/offers", Counter).RequireIdempotencyKey()
            .WithSummary("Make a counter-offer")
            .WithDescription("Either side: the licensee's keys, or the holder's licensor keys and the listing's center's operator keys for the licensor side (`side` only for the admin). `basedOnVersion` must be the current version; `scope` and `terms` as for `POST /api/v1/licences`. The offer is the next version, open for 30 days; it binds its maker. Idempotency-Key required: a retry answers the same version. Answers 201 with the negotiation.")
            .Produces<LicenceNegotiationResponse>(201)
            .Refuses(400, "validation_failed", "required", "invalid_country", "invalid_date", "unknown_currency", "invalid_amount", "negative_rate", "currency_mismatch")
            .Refuses(403, "forbidden")
            .Refuses(404, "negotiation_not_found")
            .Refuses(409, "offer_superseded", "negotiation_expired", "invalid_negotiation_state");
        api.MapPost("/{id}/acceptance", Accept).RequireIdempotencyKey()
            .WithSummary("Accept the current offer")
            .WithDescription("The side the current offer awaits (its maker cannot: 409 `own_offer`), naming its `version`. Both sides have then agreed those terms: the licence is granted through the licence workflow as the holder's bilateral licence (ownership, §4 exclusivity conflicts, co-owner consent, pledgee consent); a refusal there (409/422 with the licence's code) leaves the negotiation open and unchanged. An exclusive listing becomes matched. Accepting again answers the concluded negotiation. Answers 200 with the negotiation (`licenceId`).")
            .Produces<LicenceNegotiationResponse>()
            .Refuses(400, "validation_failed", "required")
            .Refuses(403, "forbidden")
            .Refuses(404, "negotiation_not_found")
            .Refuses(409, "offer_superseded", "own_offer", "negotiation_expired", "invalid_negotiation_state", "licence_conflict", "pledgee_consent_required")
            .Refuses(422, "not_owner", "unknown_patent", "patent_not_in_force", "co_owner_consent_required", "self_licence", "unknown_party");
        api.MapPost("/{id}/decline", Decline)
            .WithSummary("Decline the current offer")
            .WithDescription("The side the current offer awaits; the negotiation ends (`declined`). `reason` optional. Again: unchanged. Answers 200 with the negotiation.")
            .Produces<LicenceNegotiationResponse>()
            .Refuses(400, "validation_failed", "required", "too_long")
            .Refuses(403, "forbidden")
            .Refuses(404, "negotiation_not_found")
            .Refuses(409, "own_offer", "negotiation_expired", "invalid_negotiation_state");
        api.MapPost("/{id}/withdrawal", Withdraw)
            .WithSummary("Withdraw from a licence negotiation")
            .WithDescription("Either side; the negotiation ends (`withdrawn`). `reason` optional. Again: unchanged. Answers 200 with the negotiation.")
            .Produces<LicenceNegotiationResponse>()
            .Refuses(400, "validation_failed", "required", "too_long")
            .Refuses(403, "forbidden")
            .Refuses(404, "negotiation_not_found")
            .Refuses(409, "negotiation_expired", "invalid_negotiation_state");
        return api;
    }

    public static async Task<Results<Ok<LicenceNegotiationResponse>, ProblemHttpResult>> Get(string id, IGrainFactory grains) =>
        await Find(id, grains) is { } n ? TypedResults.Ok(LicenceNegotiationResponse.From(n)) : NotFound(id);

    public static async Task<Results<Created<LicenceNegotiationResponse>, ProblemHttpResult>> Counter(
        string id, CounterOfferRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, MarketClock clock)
    {
        var errors = new FieldErrors();
        errors.Required(request.BasedOnVersion, "basedOnVersion");
        if (errors.Required(request.Scope, "scope"))
        {
            LicenceRequests.RequireItems(request.Scope.Territories, "scope.territories", errors);
            LicenceRequests.RequireItems(request.Scope.FieldsOfUse, "scope.fieldsOfUse", errors);
        }
        var terms = LicenceRequests.Terms(request.Terms, "terms", errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        if (await Find(id, grains) is not { } n) return NotFound(id);
        if (Side(user, n, request.Side) is not { } side) return SideRefusal(user, n, request.Side);
        var s = request.Scope!;
        var offerId = IdempotencyFilter.DerivedId(http, "off_");
        var view = await grains.GetGrain<ILicenceNegotiationGrain>(id).Counter(offerId, side, request.BasedOnVersion!.Value,
            new LicenceScope(s.Territories ?? [], s.FieldsOfUse ?? [], s.Start ?? clock.Today, s.End), terms!);
        return TypedResults.Created($"/api/v1/licence-negotiations/{id}", LicenceNegotiationResponse.From(view));
    }

    public static async Task<Results<Ok<LicenceNegotiationResponse>, ProblemHttpResult>> Accept(
        string id, NegotiationAcceptanceRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request.Version is not { } version) return Problems.Field(400, "required", "version", "Name the version you accept.");
        if (await Find(id, grains) is not { } n) return NotFound(id);
        if (Side(user, n, request.Side) is not { } side) return SideRefusal(user, n, request.Side);
        return TypedResults.Ok(LicenceNegotiationResponse.From(await grains.GetGrain<ILicenceNegotiationGrain>(id).Accept(side, version)));
    }

    public static Task<Results<Ok<LicenceNegotiationResponse>, ProblemHttpResult>> Decline(
        string id, NegotiationClosingRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        Close(id, request, user, grains, (negotiation, side, reason) => negotiation.Decline(side, reason));

    public static Task<Results<Ok<LicenceNegotiationResponse>, ProblemHttpResult>> Withdraw(
        string id, NegotiationClosingRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        Close(id, request, user, grains, (negotiation, side, reason) => negotiation.Withdraw(side, reason));

    /// <summary>Declining and withdrawing take the same request and checks; only the grain's step differs.</summary>
    private static async Task<Results<Ok<LicenceNegotiationResponse>, ProblemHttpResult>> Close(
        string id, NegotiationClosingRequest? request, ClaimsPrincipal user, IGrainFactory grains,
        Func<ILicenceNegotiationGrain, NegotiationSide, string?, Task<LicenceNegotiationView>> step)
    {
        if (request?.Reason?.Length > MaxReason) return Problems.Field(400, "too_long", "reason", $"At most {MaxReason} characters.");
        if (await Find(id, grains) is not { } n) return NotFound(id);
        if (Side(user, n, request?.Side) is not { } side) return SideRefusal(user, n, request?.Side);
        return TypedResults.Ok(LicenceNegotiationResponse.From(await step(grains.GetGrain<ILicenceNegotiationGrain>(id), side, request?.Reason)));
    }

    /// <summary>
    /// The sides the caller may act for: the licensee with any key of its party; the licensor side with the holder's
    /// licensor key or the listing's center's operator key (the center acts for the holder, as on the listing); the admin both.
    /// </summary>
    internal static IReadOnlyList<NegotiationSide> SidesOf(Tenancy.TenantCaller caller, LicenceNegotiationView n)
    {
        if (caller.IsAdmin) return [NegotiationSide.Licensor, NegotiationSide.Licensee];
        var sides = new List<NegotiationSide>();
        if (caller.PartyId is { } party && party == n.LicenseeId) sides.Add(NegotiationSide.Licensee);
        if (Tenancy.Tenancy.ActsFor(caller, n.LicensorId, Role.Licensor) || n.CenterId is { } center && Tenancy.Tenancy.ActsFor(caller, center, Role.Operator))
            sides.Add(NegotiationSide.Licensor);
        return sides;
    }

    private static NegotiationSide? Side(ClaimsPrincipal user, LicenceNegotiationView n, NegotiationSide? asked)
    {
        var sides = SidesOf(Tenancy.TenantCaller.From(user), n);
        return asked is { } a ? (sides.Contains(a) ? a : null) : sides.Count == 1 ? sides[0] : null;
    }

    private static ProblemHttpResult SideRefusal(ClaimsPrincipal user, LicenceNegotiationView n, NegotiationSide? asked) =>
        asked is null && SidesOf(Tenancy.TenantCaller.From(user), n).Count > 1
            ? Problems.Field(400, "required", "side", "This key may act for either side: name the `side` (licensor or licensee).")
            : Problems.Field(403, "forbidden", "side", "This key does not act for that side of the negotiation.");

    private static async Task<LicenceNegotiationView?> Find(string id, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) ? await grains.GetGrain<ILicenceNegotiationGrain>(id).Get() : null;

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound("negotiation_not_found", $"Licence negotiation {id} does not exist.");
}
