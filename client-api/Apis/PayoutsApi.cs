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
        api.MapPost("/payouts", Pay).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Pay out a licensor's payable")
            .WithDescription("Operator. Pays the licensor's whole `licensor:{partyId}:payable` balance in one currency: by Stripe Connect when configured and the party has an account (reserve, transfer, settle), else offline with a bank reference for the operator (`awaiting_bank_transfer`). The payout id derives from the caller's key. Answers 201 with the payout.")
            .Refuses(400, "validation_failed", "required", "unknown_currency", "too_long")
            .Refuses(409, "payout_needs_review")
            .Refuses(422, "nothing_to_pay", "unknown_party", "payout_refused")
            .Refuses(502, "payment_provider_error")
            .Refuses(503, "payment_provider_unavailable");
        api.MapGet("/parties/{id}/payouts", List)
            .WithSummary("List a party's payouts")
            .WithDescription("Operators, and the party itself.")
            .Refuses(403, "forbidden");
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
