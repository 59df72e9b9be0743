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
        api.MapPost("/payouts", Pay).RequireRoles(Role.Operator).RequireIdempotencyKey();
        api.MapGet("/parties/{id}/payouts", List);
        return api;
    }

    public static async Task<Results<Created<PayoutResponse>, ProblemHttpResult>> Pay(PayoutRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.LicensorId, "licensorId");
        if (errors.Required(request.Currency, "currency") && !Currencies.IsKnown(request.Currency))
            return Problems.Field(400, "unknown_currency", "currency", $"'{request.Currency}' is not a supported ISO 4217 currency code.");
        if (request.DistributionId is { } group && (group.Length is 0 or > MaxDistributionIdLength || group.Any(char.IsControl)))
            errors.Add("distributionId", $"1 to {MaxDistributionIdLength} printable characters.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        // Derived from the idempotency key: a retry resumes the same payout, and Stripe sees the same key.
        var payoutId = IdempotencyFilter.DerivedId(http, "po_");
        var payout = await grains.GetGrain<ILicensorPayoutsGrain>(request.LicensorId!)
            .Pay(new PayoutCommand(payoutId, request.Currency!, request.DistributionId));
        return TypedResults.Created($"/api/v1/parties/{payout.LicensorId}/payouts", PayoutResponse.From(payout));
    }

    /// <summary>Operators see any licensor's payouts; a party its own.</summary>
    public static async Task<Results<Ok<PayoutListResponse>, ProblemHttpResult>> List(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.Has(Role.Operator) && user.PartyId() != id)
            return Problems.Create(403, "forbidden", "Payouts are visible to operators and to the party paid.");
        var payouts = await grains.GetGrain<ILicensorPayoutsGrain>(id).List();
        return TypedResults.Ok(new PayoutListResponse(id, [.. payouts.Select(PayoutResponse.From)]));
    }
}
