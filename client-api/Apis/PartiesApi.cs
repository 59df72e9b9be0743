using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Parties (organizations) and their API keys.</summary>
public static class PartiesApi
{
    public static RouteGroupBuilder MapPartiesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/parties").WithTags("Parties");
        api.MapPost("/", Create).RequireRoles(Role.Admin)
            .WithSummary("Create a party")
            .WithDescription("Admin only. Registers an organization (company, university, bank, operating center, …); `country` defaults to CN. Answers 201 with the party and `Location: /api/v1/parties/{id}`.")
            .Refuses(400, "validation_failed", "required", "invalid_country", "invalid_credit_code", "invalid_stripe_account", "too_long")
            .Refuses(409, "party_exists");
        api.MapGet("/{id}", Get).RequireAuthorization()
            .WithSummary("Get a party")
            .WithDescription("Any caller. The API key list and the Stripe account are shown to the party itself and the admin only (others see an empty list and null).")
            .Refuses(404, "party_not_found");
        api.MapPost("/{id}/api-keys", IssueApiKey).RequireRoles(Role.Admin)
            .WithSummary("Issue an API key")
            .WithDescription("Admin only. Issues a key acting for the party with the given roles; the token (`pnm_…`) is in this answer only and stored as its SHA-256 hash.")
            .Refuses(400, "required", "invalid_enum")
            .Refuses(404, "party_not_found");
        api.MapPut("/{id}/stripe-account", SetStripeAccount).RequireRoles(Role.Admin)
            .WithSummary("Set the party's Stripe connected account")
            .WithDescription("Admin only. The Stripe Connect account (`acct_…`) the party's payouts are transferred to.")
            .Refuses(400, "required", "invalid_stripe_account")
            .Refuses(404, "party_not_found");
        return api;
    }

    public static async Task<Results<Created<PartyView>, ProblemHttpResult>> Create(CreatePartyRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.Name, "name");
        errors.Required(request.Kind, "kind");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var id = PartyGrain.NewId();
        var party = await grains.GetGrain<IPartyGrain>(id).Create(new CreateParty(request.Name!, request.Kind!.Value, request.Country ?? "CN", request.CreditCode, request.StripeAccountId));
        return TypedResults.Created($"/api/v1/parties/{id}", party);
    }

    public static async Task<Results<Ok<PartyView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await grains.GetGrain<IPartyGrain>(id).Get() is not { } party)
            return Problems.NotFound("party_not_found", $"Party {id} does not exist.");
        // Key listings and the payout account are for the party itself and the admin.
        return TypedResults.Ok(user.PartyId() == id || user.Has(Role.Admin) ? party : party with { ApiKeys = [], StripeAccountId = null });
    }

    public static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueApiKey(string id, IssueApiKeyRequest request, IGrainFactory grains)
    {
        if (request.Roles is not { Count: > 0 } roles)
            return Problems.Field(400, "required", "roles", "At least one role is required.");
        var key = await grains.GetGrain<IPartyGrain>(id).IssueApiKey(roles);
        return TypedResults.Created($"/api/v1/parties/{id}", key);
    }

    /// <summary>The Stripe connected account (<c>acct_…</c>) the party's payouts are transferred to.</summary>
    public static async Task<Results<Ok<PartyView>, ProblemHttpResult>> SetStripeAccount(string id, StripeAccountRequest request, IGrainFactory grains)
    {
        if (request.StripeAccountId is not { } account)
            return Problems.Field(400, "required", "stripeAccountId", "A Stripe connected account id (acct_…) is required.");
        return TypedResults.Ok(await grains.GetGrain<IPartyGrain>(id).SetStripeAccount(account));
    }
}
