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
        api.MapPost("/", Create).RequireRoles(Role.Licensor).RequireIdempotencyKey();
        api.MapGet("/{id}", Get);
        api.MapPost("/{id}/consents", Consent);
        api.MapPost("/{id}/export-clearance", ClearExport).RequireRoles(Role.Operator);
        api.MapPost("/{id}/payments", Pay).RequireRoles(Role.Operator).RequireIdempotencyKey();
        api.MapPost("/{id}/payment-intents", CreatePaymentIntent).RequireIdempotencyKey();
        api.MapPost("/{id}/recordation", Record).RequireRoles(Role.Operator);
        api.MapPost("/{id}/cancel", Cancel);
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

        // The seller opens the transfer of its own patents and names the center that runs it (docs/TENANCY.md): an
        // operator cannot put another tenant's patents on sale.
        if (!Tenancy.Tenancy.ActsFor(Tenancy.TenantCaller.From(user), request.SellerId, Role.Licensor))
            return Problems.Field(403, "forbidden", "sellerId", "A seller opens transfers of its own patents, with its licensor key.");
        var centerId = request.CenterId;
        if (centerId is null) return Problems.Field(400, "required", "centerId", "Name the operating center that runs the transfer.");

        var id = IdempotencyFilter.DerivedId(http, "trf_");
        var transfer = await grains.GetGrain<ITransferGrain>(id).Create(new CreateTransfer(
            patents, request.SellerId!, request.BuyerId!, new Money(request.Price!.Amount!.Value, request.Price.Currency!), request.PoolOption,
            centerId, TransferSettings.DefaultCommissionBps(configuration), TransferSettings.ExpiryDays(configuration)));
        return TypedResults.Created($"/api/v1/transfers/{id}", transfer);
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await Visible(id, user, grains) is { } transfer ? TypedResults.Ok(transfer) : NotFound(id);

    /// <summary>
    /// The transfer; that the caller may see it (the seller, the buyer, the center, the consenting parties, the admin)
    /// <see cref="Tenancy.TenancyFilter"/> checked already.
    /// </summary>
    internal static async Task<TransferView?> Visible(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        LicenceRequests.IsKey(id) ? await grains.GetGrain<ITransferGrain>(id).Get() : null;

    private static bool IsParty(TransferView transfer, string? party) =>
        party is not null && (party == transfer.SellerId || party == transfer.BuyerId || party == transfer.CenterId
            || transfer.Consents.Any(c => c.PartyId == party));

    /// <summary>An operator of the center running the transfer (or the admin): it may cancel even once paid.</summary>
    private static bool IsCenterOperator(TransferView transfer, ClaimsPrincipal user) =>
        user.Has(Role.Operator) && (user.PartyId() is not { } party || party == transfer.CenterId);

    private static void RequireKey(string? id, string field, FieldErrors errors)
    {
        if (errors.Required(id, field) && !LicenceRequests.IsKey(id)) errors.Add(field, "Not a party id.");
    }

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("transfer_not_found", $"Transfer {id} does not exist.");

}
