using Microsoft.Extensions.Configuration;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Transfers (§7): opening and reading here; consents, export clearance, payment, recordation and
/// cancellation in <c>TransfersApi.Steps.cs</c>, Stripe payment in <c>TransfersApi.Stripe.cs</c>. Rules live in <see cref="ITransferGrain"/>; endpoints
/// check presence and who may act.
/// </summary>
public static partial class TransfersApi
{
    public static RouteGroupBuilder MapTransfersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/transfers").WithTags("Transfers").RequireAuthorization();
        api.MapPost("/", Create).RequireRoles(Role.Licensor, Role.Operator).RequireIdempotencyKey()
            .WithSummary("Open a patent transfer")
            .WithDescription("The seller (a licensor key of `sellerId`, naming `centerId`) or an operator (for its own center). Claims every patent for this transfer (a patent is in at most one open transfer) and moves on to the first outstanding step: consents, export clearance, payment into escrow, recordation. The id derives from the caller and its key, so a retry resumes the same transfer. Answers 201 with the transfer.")
            .Refuses(400, "validation_failed", "required", "invalid_patent_number", "duplicate_patent", "unknown_currency", "invalid_amount")
            .Refuses(409, "patent_in_transfer", "export_prohibited", "transfer_exists")
            .Refuses(422, "self_transfer", "unknown_party", "not_operating_center", "unknown_patent", "patent_not_in_force", "not_owner", "pool_option_required")
            .WithRequestExample(new CreateTransferRequest(["201710601862.3"], "pty_0123456789abcdef", "pty_fedcba9876543210",
                new MoneyRequest(2_800_000_00, "CNY"), Grains.Transfers.PoolOption.Accede, "pty_00112233445566aa"));
        api.MapGet("/{id}", Get)
            .WithSummary("Get a transfer")
            .WithDescription("Its seller, buyer, center, consenting parties, or any operator; anyone else gets 404 as for a missing transfer. Shows every step with who and when in `history`.")
            .Refuses(404, "transfer_not_found");
        api.MapPost("/{id}/consents", Consent)
            .WithSummary("Give or refuse consent to a transfer")
            .WithDescription("A consenting party (co-owner or pledgee), with its own key. The last grant moves the transfer on; one refusal cancels it (refunding escrow if paid). Answers 200 with the transfer.")
            .Refuses(400, "validation_failed")
            .Refuses(403, "forbidden")
            .Refuses(404, "transfer_not_found")
            .Refuses(409, "consent_already_given", "invalid_transfer_state", "transfer_expired")
            .Refuses(422, "not_consenting_party");
        api.MapPost("/{id}/export-clearance", ClearExport).RequireRoles(Role.Operator)
            .WithSummary("Clear a transfer for export")
            .WithDescription("An operator of the transfer's center. A buyer abroad needs a registration certificate number for free technology and an export licence number for restricted technology; prohibited technology cannot go abroad. Answers 200 with the transfer.")
            .Refuses(400, "invalid_document_number")
            .Refuses(404, "transfer_not_found")
            .Refuses(409, "export_prohibited", "export_already_cleared", "invalid_transfer_state", "transfer_expired")
            .Refuses(422, "registration_certificate_required", "export_licence_required");
        api.MapPost("/{id}/payments", Pay).RequireRoles(Role.Operator).RequireIdempotencyKey()
            .WithSummary("Confirm a transfer's payment into escrow")
            .WithDescription("An operator of the transfer's center confirms an offline bank transfer of exactly the price into escrow. Bank references are trimmed, upper-cased and settle one thing only. Answers 200 with the transfer.")
            .Refuses(400, "validation_failed", "required", "unknown_currency", "invalid_amount", "too_long")
            .Refuses(404, "transfer_not_found")
            .Refuses(409, "transfer_already_paid", "bank_reference_used", "invalid_transfer_state", "transfer_expired")
            .Refuses(422, "amount_mismatch");
        api.MapPost("/{id}/payment-intents", CreatePaymentIntent).RequireIdempotencyKey()
            .WithSummary("Pay a transfer by Stripe")
            .WithDescription("The buyer, or an operator of the transfer's center. Creates a Stripe PaymentIntent for exactly the price; the payer confirms it with Stripe.js and the `clientSecret`, and Stripe's webhook pays the escrow. Answers 201 with the intent.")
            .Refuses(403, "forbidden")
            .Refuses(404, "transfer_not_found")
            .Refuses(409, "transfer_already_paid", "invalid_transfer_state", "transfer_expired")
            .Refuses(422, "stripe_not_configured")
            .Refuses(502, "payment_provider_error")
            .Refuses(503, "payment_provider_unavailable");
        api.MapPost("/{id}/recordation", Record).RequireRoles(Role.Operator)
            .WithSummary("Record the CNIPA change notice")
            .WithDescription("An operator of the transfer's center records the notice (著录项目变更); every patent is re-checked, ownership passes on the notice date, licences survive, pools follow `poolOption`, and escrow is released to the seller and the center. Answers 200 with the transfer.")
            .Refuses(400, "validation_failed", "invalid_notice_number", "date_in_future")
            .Refuses(404, "transfer_not_found")
            .Refuses(409, "already_recorded", "invalid_transfer_state", "transfer_expired", "seller_not_owner", "pledgee_consent_required", "patent_not_held")
            .Refuses(422, "notice_before_transfer", "co_owner_consent_required", "pool_option_required", "effective_date_before_previous");
        api.MapPost("/{id}/cancel", Cancel)
            .WithSummary("Cancel a transfer")
            .WithDescription("Before payment the seller, the buyer or the center's operator; once paid only the operator. Releases the patents and refunds escrow if paid; cancelling a cancelled transfer is a no-op. The body is optional. Answers 200 with the transfer.")
            .Refuses(400, "too_long")
            .Refuses(403, "forbidden")
            .Refuses(404, "transfer_not_found")
            .Refuses(409, "transfer_paid", "invalid_transfer_state", "recordation_in_progress");
        routes.MapPatentTransfersApi();
        routes.MapOperatingCentersApi();
        return api;
    }

    public static async Task<Results<Created<TransferView>, ProblemHttpResult>> Create(
        CreateTransferRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IConfiguration configuration)
    {
        var errors = new FieldErrors();
        var patents = LicenceRequests.Patents(request.Patents, errors);
        RequireKey(request.SellerId, "sellerId", errors);
        RequireKey(request.BuyerId, "buyerId", errors);
        if (request.CenterId is not null) RequireKey(request.CenterId, "centerId", errors);
        if (errors.Required(request.Price, "price"))
        {
            errors.Required(request.Price.Amount, "price.amount");
            errors.Required(request.Price.Currency, "price.currency");
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        // An operator runs transfers for its own center; a seller (or the admin) names the center.
        var party = user.PartyId();
        string? centerId;
        if (user.Has(Role.Operator) && party is not null)
        {
            if (request.CenterId is { } named && named != party)
                return Problems.Field(403, "forbidden", "centerId", "An operator opens transfers for its own operating center.");
            centerId = party;
        }
        else
        {
            if (party is not null && party != request.SellerId)
                return Problems.Field(403, "forbidden", "sellerId", "A seller opens transfers of its own patents.");
            centerId = request.CenterId;
            if (centerId is null) return Problems.Field(400, "required", "centerId", "Name the operating center that runs the transfer.");
        }

        var id = IdempotencyFilter.DerivedId(http, "trf_");
        var transfer = await grains.GetGrain<ITransferGrain>(id).Create(new CreateTransfer(
            patents, request.SellerId!, request.BuyerId!, new Money(request.Price!.Amount!.Value, request.Price.Currency!), request.PoolOption,
            centerId, TransferSettings.DefaultCommissionBps(configuration), TransferSettings.ExpiryDays(configuration)));
        return TypedResults.Created($"/api/v1/transfers/{id}", transfer);
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await Visible(id, user, grains) is { } transfer ? TypedResults.Ok(transfer) : NotFound(id);

    /// <summary>
    /// The transfer if the caller may see it: operators and the admin all; a party those it sells, buys,
    /// runs (its center) or must consent to. Others get the 404 of a missing transfer, so ids do not leak.
    /// </summary>
    internal static async Task<TransferView?> Visible(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!LicenceRequests.IsKey(id)) return null;
        var transfer = await grains.GetGrain<ITransferGrain>(id).Get();
        return transfer is not null && (user.Has(Role.Operator) || IsParty(transfer, user.PartyId())) ? transfer : null;
    }

    private static bool IsParty(TransferView transfer, string? party) =>
        party is not null && (party == transfer.SellerId || party == transfer.BuyerId || party == transfer.CenterId
            || transfer.Consents.Any(c => c.PartyId == party));

    /// <summary>Operator steps belong to the center running the transfer (or the admin).</summary>
    private static bool IsCenterOperator(TransferView transfer, ClaimsPrincipal user) =>
        user.Has(Role.Operator) && (user.PartyId() is not { } party || party == transfer.CenterId);

    private static void RequireKey(string? id, string field, FieldErrors errors)
    {
        if (errors.Required(id, field) && !LicenceRequests.IsKey(id)) errors.Add(field, "Not a party id.");
    }

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("transfer_not_found", $"Transfer {id} does not exist.");

    private static ProblemHttpResult NotCenterOperator(TransferView transfer) =>
        Problems.Create(403, "forbidden", $"Only an operator of {transfer.CenterId}, the center running this transfer, takes this step.");
}
