using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// The buyer pays the price by card or wallet through Stripe: a PaymentIntent here, then Stripe's signed
/// webhook pays it into escrow with <see cref="ITransferGrain.ConfirmPayment"/>, like an offline payment.
/// </summary>
public static partial class TransfersApi
{
    /// <summary>The buyer's key or an operator of the transfer's center (<see cref="Tenancy.TenancyRules"/>); only while the transfer awaits payment.</summary>
    public static async Task<Results<Created<TransferPaymentIntentResponse>, ProblemHttpResult>> CreatePaymentIntent(
        string id, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IStripeGateway stripe, MarketClock clock)
    {
        if (!stripe.IsConfigured)
            return Problems.Create(422, "stripe_not_configured", "Stripe is not configured on this market; pay by bank transfer.");
        if (await Visible(id, user, grains) is not { } transfer) return NotFound(id);
        if (transfer.Payment is { } paid)
            return Problems.Create(409, "transfer_already_paid", $"Transfer {id} was paid already (reference {paid.Reference}).");
        if (transfer.Status != TransferStatus.AwaitingPayment)
            return Problems.Create(409, "invalid_transfer_state", $"Transfer {id} is {TransferStateMachine.Wire(transfer.Status)}, not awaiting payment.");
        if (clock.GetUtcNow() >= transfer.ExpiresAt)
            return Problems.Create(409, "transfer_expired", $"Transfer {id} expired at {transfer.ExpiresAt:O}.");

        // Our operation id is Stripe's idempotency key: a retry of this request cannot open a second intent.
        var intent = await stripe.CreateTransferPaymentIntent(id, transfer.Price, IdempotencyFilter.DerivedId(http, "pnm_pi_"), http.RequestAborted);
        return TypedResults.Created($"/api/v1/transfers/{id}",
            new TransferPaymentIntentResponse(intent.Id, intent.ClientSecret, intent.Status, id, transfer.Price));
    }
}
