using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Payouts of licensors' payable balances (§9): Stripe Connect transfers, or offline bank transfers.</summary>
public static partial class PayoutsApi
{
    public const int MaxDistributionIdLength = 100;

    public static RouteGroupBuilder MapPayoutsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1").WithTags("Payouts").RequireAuthorization();
        api.MapPost("/payouts", Pay).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Pay out a licensor's payable")
            .WithDescription("Operator of a center whose pools' distributions paid into the licensor's payable (docs/TENANCY.md; others 403 `forbidden` on `licensorId`), or the admin. Pays the licensor's whole `licensor:{partyId}:payable` balance in one currency: by Stripe Connect when configured and the party has an account (reserve, transfer, settle), else offline with a bank reference for the operator (`awaiting_bank_transfer`). The payout id derives from the caller's key. Answers 201 with the payout.")
            .Refuses(400, "validation_failed", "required", "unknown_currency", "too_long")
            .Refuses(403, "forbidden")
            .Refuses(409, "payout_needs_review")
            .Refuses(422, "nothing_to_pay", "unknown_party", "payout_refused")
            .Refuses(502, "payment_provider_error")
            .Refuses(503, "payment_provider_unavailable");
        api.MapGet("/parties/{id}/payouts", List)
            .WithSummary("List a party's payouts")
            .WithDescription("Any key of the party itself, operators of the centers whose pools' distributions paid into its payable, the admin (docs/TENANCY.md).")
            .Refuses(403, "forbidden");
        api.MapGet("/payouts", ListByStatus).RequireRoles(Role.Operator)
            .WithSummary("Payouts by status")
            .WithDescription("An operator sees the payouts of the payables its center's pools paid into (docs/TENANCY.md), the admin every payout; newest first. "
                + "`status` (optional): in_flight, paid, awaiting_bank_transfer, failed, cancelled. `limit` (1–100, default 20) at a time; `nextCursor` fetches the next page.")
            .Produces<PayoutPageResponse>()
            .Refuses(400, "invalid_parameter", "validation_failed");
        api.MapPost("/payouts/{id}/confirmation", Confirm).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Confirm an offline payout's bank transfer")
            .WithDescription("The operator of the center that ordered the payout (or the admin) records the bank's reference and the day the "
                + "transfer left; the payout becomes paid. The money moved when the payout was ordered, so nothing is posted. "
                + "Operators who may not see the payout get 404 `payout_not_found`, those who may see it but not act 403 `forbidden`.")
            .Produces<PayoutResponse>()
            .Refuses(400, "validation_failed", "date_in_future")
            .Refuses(403, "forbidden")
            .Refuses(404, "payout_not_found")
            .Refuses(409, "invalid_payout_state", "payout_cancelled", "payout_already_confirmed", "bank_reference_used")
            .Refuses(422, "paid_before_payout");
        api.MapPost("/payouts/{id}/cancellation", Cancel).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Cancel an offline payout")
            .WithDescription("The operator of the center that ordered the payout (or the admin) cancels an offline payout not yet confirmed, "
                + "with a reason; posting `payout:{id}:cancel` returns the money from `clearing:offline` to the licensor's payable.")
            .Produces<PayoutResponse>()
            .Refuses(400, "required", "too_long")
            .Refuses(403, "forbidden")
            .Refuses(404, "payout_not_found")
            .Refuses(409, "invalid_payout_state", "payout_already_confirmed");
        api.MapPost("/payouts/{id}/review", Review).RequireRoles(Role.Admin).RequireIdempotencyKey()
            .WithSummary("Resolve a Stripe payout stuck in flight")
            .WithDescription("The admin, having checked the transfer group in Stripe, resolves a Stripe payout in flight for more than 23 h: "
                + "`paid` (with the `transferId` found) settles it, `failed` returns the money to the payable.")
            .Produces<PayoutResponse>()
            .Refuses(400, "validation_failed", "required")
            .Refuses(404, "payout_not_found")
            .Refuses(409, "invalid_payout_state", "payout_not_stale", "already_posted");
        return api;
    }

    public static async Task<Results<Ok<PayoutPageResponse>, ProblemHttpResult>> ListByStatus(string? status, HttpContext http, IGrainFactory grains,
        string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var (from, size) = PageCursor.Parse(cursor, limit, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        PayoutStatus? wanted = null;
        if (status is not null)
        {
            if (!PayoutStatuses.TryParse(status, out var parsed))
                return Problems.Field(400, "invalid_parameter", "status", "One of in_flight, paid, awaiting_bank_transfer, failed, cancelled.");
            wanted = parsed;
        }
        var caller = Tenancy.TenantCaller.From(http.User);
        var entries = await grains.GetGrain<IPayoutDirectoryGrain>(IPayoutDirectoryGrain.Key).List(null);
        var items = new List<Payout>();
        foreach (var licensor in entries.GroupBy(e => e.LicensorId, StringComparer.Ordinal))
        {
            // The tenancy rule of one payout (TenantOwners), applied to each: the payouts of payables its center's pools paid into.
            IReadOnlyList<string> centers = caller.IsAdmin ? [] : await Tenancy.TenantOwners.PayableCenters(licensor.Key, http.RequestServices);
            var ids = licensor.Where(e => Tenancy.Tenancy.CanRead(caller, Tenancy.TenantOwners.Of(e, centers))).Select(e => e.PayoutId).ToHashSet(StringComparer.Ordinal);
            if (ids.Count == 0) continue;
            items.AddRange((await grains.GetGrain<ILicensorPayoutsGrain>(licensor.Key).List()).Where(p => ids.Contains(p.Id) && (wanted is null || p.Status == wanted)));
        }
        // Sorted afresh on every call (PageCursor: a position in the worklist); a payout ordered between two pages shifts the rest by one.
        var ordered = items.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var page = ordered.Skip(from).Take(size).ToList();
        return TypedResults.Ok(new PayoutPageResponse([.. page.Select(PayoutResponse.From)], PageCursor.Next(from, page.Count, ordered.Count)));
    }

    public static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> Confirm(string id, PayoutConfirmationRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (errors.Required(request.BankReference, "bankReference"))
        {
            var reference = request.BankReference.Trim();
            if (reference.Length > MaxBankReferenceLength) errors.Add("bankReference", $"At most {MaxBankReferenceLength} characters.");
            else if (reference.Any(char.IsControl)) errors.Add("bankReference", "Control characters are not allowed.");
        }
        errors.Required(request.PaidOn, "paidOn");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var acting = await Acting(id, grains);
        if (acting.Grain is not { } payouts) return acting.Refusal!;
        return TypedResults.Ok(PayoutResponse.From(await payouts.ConfirmBankTransfer(id, request.BankReference!, request.PaidOn!.Value)));
    }

    public static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> Cancel(string id, PayoutCancellationRequest request, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) return Problems.Field(400, "required", "reason", "Say why the payout is cancelled.");
        if (request.Reason.Length > PayoutClosing.MaxReasonLength) return Problems.Field(400, "too_long", "reason", $"At most {PayoutClosing.MaxReasonLength} characters.");
        var acting = await Acting(id, grains);
        if (acting.Grain is not { } payouts) return acting.Refusal!;
        return TypedResults.Ok(PayoutResponse.From(await payouts.CancelBankTransfer(id, request.Reason.Trim())));
    }

    public static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> Review(string id, PayoutReviewRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        errors.Required(request.Outcome, "outcome");
        if (request.Outcome == PayoutReviewOutcome.Paid && errors.Required(request.TransferId, "transferId") && !StripeTransferId().IsMatch(request.TransferId))
            errors.Add("transferId", "A Stripe transfer id: tr_ followed by letters and digits.");
        if (request.Note is { Length: > PayoutClosing.MaxReasonLength }) errors.Add("note", $"At most {PayoutClosing.MaxReasonLength} characters.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());
        var acting = await Acting(id, grains);
        if (acting.Grain is not { } payouts) return acting.Refusal!;
        var transferId = request.Outcome == PayoutReviewOutcome.Paid ? request.TransferId : null;
        return TypedResults.Ok(PayoutResponse.From(await payouts.Review(id, new PayoutReview(request.Outcome!.Value, transferId, request.Note))));
    }

    public const int MaxBankReferenceLength = 100;

    /// <summary>
    /// The licensor grain holding payout <paramref name="id"/>; 404 <c>payout_not_found</c> for an unknown id. Who may act on it
    /// the tenancy filter decided already (TenancyRules: the ordering center's operators, the admin).
    /// </summary>
    private static async Task<(ILicensorPayoutsGrain? Grain, ProblemHttpResult? Refusal)> Acting(string id, IGrainFactory grains)
    {
        if (await grains.GetGrain<IPayoutDirectoryGrain>(IPayoutDirectoryGrain.Key).Find(id) is not { } entry)
            return (null, Problems.NotFound("payout_not_found", $"Payout {id} does not exist."));
        return (grains.GetGrain<ILicensorPayoutsGrain>(entry.LicensorId), null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^tr_[A-Za-z0-9]{1,100}\z")]
    private static partial System.Text.RegularExpressions.Regex StripeTransferId();

    public static async Task<Results<Created<PayoutResponse>, ProblemHttpResult>> Pay(PayoutRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
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
            .Pay(new PayoutCommand(payoutId, request.Currency!, request.DistributionId, CenterId: user.Has(Role.Admin) ? null : user.PartyId()));
        return TypedResults.Created($"/api/v1/parties/{payout.LicensorId}/payouts", PayoutResponse.From(payout));
    }

    /// <summary>Who reads a party's payouts the tenancy filter decided (TenancyRules: the payee, its payable's centers, the admin).</summary>
    public static async Task<Results<Ok<PayoutListResponse>, ProblemHttpResult>> List(string id, IGrainFactory grains)
    {
        var payouts = await grains.GetGrain<ILicensorPayoutsGrain>(id).List();
        return TypedResults.Ok(new PayoutListResponse(id, [.. payouts.Select(PayoutResponse.From)]));
    }
}
