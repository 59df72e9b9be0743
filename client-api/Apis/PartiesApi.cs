using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Parties (organizations) and their API keys.</summary>
public static class PartiesApi
{
    public static RouteGroupBuilder MapPartiesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/parties").WithTags("Parties");
        api.MapPost("/", Create).RequireRoles(Role.Admin);
        api.MapGet("/{id}", Get).RequireAuthorization();
        api.MapPost("/{id}/api-keys", IssueApiKey).RequireRoles(Role.Admin);
        api.MapPut("/{id}/stripe-account", SetStripeAccount).RequireRoles(Role.Admin);
        api.MapDelete("/{id}/api-keys/{keyId}", RevokeApiKey).RequireAuthorization()
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes one of the party's keys: every silo and gateway refuses it from the next request. The admin, or any key of the party itself (a key may revoke itself). Revoking a revoked key returns it unchanged.")
            .Produces<ApiKeySummary>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/api-keys/{keyId}/rotate", RotateApiKey).RequireAuthorization().RequireIdempotencyKey()
            .WithSummary("Rotate an API key")
            .WithDescription("Issues a new token with the same roles and revokes the old key at once. The admin, or any key of the party itself. The new token is shown once (a retry with the same Idempotency-Key replays it); a revoked key cannot be rotated (409 api_key_revoked).")
            .Produces<IssuedApiKey>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
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

    /// <summary>The party controls its own keys; the admin controls every party's.</summary>
    public static async Task<Results<Ok<ApiKeySummary>, ProblemHttpResult>> RevokeApiKey(string id, string keyId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.Has(Role.Admin) && user.PartyId() != id)
            return Problems.Create(403, "forbidden", "Only the party itself or the admin revokes its keys.");
        return TypedResults.Ok(await grains.GetGrain<IPartyGrain>(id).RevokeApiKey(keyId));
    }

    public static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> RotateApiKey(string id, string keyId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.Has(Role.Admin) && user.PartyId() != id)
            return Problems.Create(403, "forbidden", "Only the party itself or the admin rotates its keys.");
        return TypedResults.Created($"/api/v1/parties/{id}", await grains.GetGrain<IPartyGrain>(id).RotateApiKey(keyId));
    }
}
