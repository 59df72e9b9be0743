using PatentNav.Market.ClientApi.Idempotency;
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
            .WithDescription("Admin only. Registers an organization (company, university, bank, operating center, …); `country` defaults to CN; `region` is the GB/T 2260 division code of its seat (six digits, e.g. 330100 杭州市), used by regional navigation. Answers 201 with the party and `Location: /api/v1/parties/{id}`.")
            .Refuses(400, "validation_failed", "required", "invalid_country", "invalid_credit_code", "invalid_stripe_account", "invalid_region", "too_long")
            .Refuses(409, "party_exists");
        api.MapGet("/{id}", Get).RequireAuthorization()
            .WithSummary("Get a party")
            .WithDescription("Any caller. The API key list and the Stripe account are shown to the party itself and the admin only (others see an empty list and null).")
            .Refuses(404, "party_not_found");
        api.MapPatch("/{id}", Update).RequireRoles(Role.Admin)
            .WithSummary("Update a party")
            .WithDescription("Admin only. Renames the party or sets its `region` (GB/T 2260 division code, e.g. 330106 西湖区); a field left out keeps its value. Answers 200 with the party.")
            .Refuses(400, "validation_failed", "required", "invalid_region", "too_long")
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
        api.MapDelete("/{id}/api-keys/{keyId}", RevokeApiKey).RequireAuthorization()
            .WithSummary("Revoke an API key")
            .WithDescription("The admin, or any key of the party itself (a key may revoke itself). Every silo and gateway refuses the key from the next request: nothing caches keys. Revoking a revoked key returns it unchanged. Answers 200 with the key's summary (`revokedAt`).")
            .Refuses(403, "forbidden")
            .Refuses(404, "party_not_found", "api_key_not_found")
            .Refuses(409, "api_key_not_revocable");
        api.MapPost("/{id}/api-keys/{keyId}/rotate", RotateApiKey).RequireAuthorization().RequireIdempotencyKey()
            .WithSummary("Rotate an API key")
            .WithDescription("The admin, or any key of the party itself. Issues a new token with the same roles and revokes the old key at once (its summary names `replacedBy`). The new token is in this answer only; a retry with the same Idempotency-Key replays it. Answers 201 with the new key.")
            .Refuses(403, "forbidden")
            .Refuses(404, "party_not_found", "api_key_not_found")
            .Refuses(409, "api_key_revoked", "api_key_not_revocable");
        return api;
    }

    public static async Task<Results<Created<PartyView>, ProblemHttpResult>> Create(CreatePartyRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.Name, "name");
        errors.Required(request.Kind, "kind");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var id = PartyGrain.NewId();
        var party = await grains.GetGrain<IPartyGrain>(id).Create(new CreateParty(request.Name!, request.Kind!.Value, request.Country ?? "CN", request.CreditCode, request.StripeAccountId, request.Region));
        return TypedResults.Created($"/api/v1/parties/{id}", party);
    }

    public static async Task<Results<Ok<PartyView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await grains.GetGrain<IPartyGrain>(id).Get() is not { } party)
            return Problems.NotFound("party_not_found", $"Party {id} does not exist.");
        // Key listings and the payout account are for the party itself and the admin.
        return TypedResults.Ok(user.PartyId() == id || user.Has(Role.Admin) ? party : party with { ApiKeys = [], StripeAccountId = null });
    }

    public static async Task<Results<Ok<PartyView>, ProblemHttpResult>> Update(string id, UpdatePartyRequest request, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPartyGrain>(id).Update(new UpdateParty(request.Name, request.Region)));

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
