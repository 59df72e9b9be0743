using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Payouts of licensors' payable balances (§9): Stripe Connect transfers, or offline bank transfers.</summary>
public static class PayoutsApi
{
    public const int MaxDistributionIdLength = 100;

    public static RouteGroupBuilder MapPayoutsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1").WithTags("Payouts").RequireAuthorization();
        api.MapPost("/payouts", Pay).RequireRoles(Role.Licensor).RequireIdempotencyKey();
        api.MapGet("/parties/{id}/payouts", List);
        return api;
    }

    public static async Task<Results<Created<PayoutResponse>, ProblemHttpResult>> Pay(PayoutRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.LicensorId, "licensorId");
        if (errors.Required(request.Currency, "currency") && !Currencies.IsKnown(request.Currency))
            return Problems.Field(400, "unknown_currency", "currency", $"'{request.Currency}' is not a supported ISO 4217 currency code.");
        if (request.DistributionId is { } group && (group.Length is 0 or > MaxDistributionIdLength || group.Any(char.IsControl)))
            errors.Add("distributionId", $"1 to {MaxDistributionIdLength} printable characters.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        // The payee asks for its own payout (docs/TENANCY.md); the admin for anyone.
        if (!Tenancy.Tenancy.ActsFor(Tenancy.TenantCaller.From(user), request.LicensorId, Role.Licensor))
            return Problems.Field(403, "forbidden", "licensorId", "A payout is requested with the payee's own licensor key.");

        // Derived from the idempotency key: a retry resumes the same payout, and Stripe sees the same key.
        var payoutId = IdempotencyFilter.DerivedId(http, "po_");
        var payout = await grains.GetGrain<ILicensorPayoutsGrain>(request.LicensorId!)
            .Pay(new PayoutCommand(payoutId, request.Currency!, request.DistributionId));
        return TypedResults.Created($"/api/v1/parties/{payout.LicensorId}/payouts", PayoutResponse.From(payout));
    }

    /// <summary>The party paid (and the admin): <see cref="Tenancy.TenancyRules"/>.</summary>
    public static async Task<Results<Ok<PayoutListResponse>, ProblemHttpResult>> List(string id, IGrainFactory grains)
    {
        var payouts = await grains.GetGrain<ILicensorPayoutsGrain>(id).List();
        return TypedResults.Ok(new PayoutListResponse(id, [.. payouts.Select(PayoutResponse.From)]));
    }
}
