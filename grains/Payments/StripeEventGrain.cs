using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// Only <c>payment_intent.succeeded</c> moves money: it settles the invoice named in the intent's
/// metadata. Every other PaymentIntent event is recorded with no effect, which is what makes order
/// irrelevant: a <c>payment_failed</c> arriving after <c>succeeded</c> cannot un-pay an invoice.
/// </summary>
public sealed class StripeEventGrain(IPersistentState<StripeEventState> stripeEvent, TimeProvider clock) : Grain, IStripeEventGrain
{
    public const string PaymentIntentSucceeded = "payment_intent.succeeded";

    public async Task<StripeEventOutcome> Handle(StripeEventNotice notice)
    {
        var state = stripeEvent.State;
        if (state.ReceivedAt is not null)
            return new StripeEventOutcome(GetPrimaryKeyString(), state.Type!, state.Result!, state.Reason, Duplicate: true);

        var (result, reason) = notice.Type == PaymentIntentSucceeded ? await Settle(notice) : ("no_effect", null);
        stripeEvent.State = new StripeEventState
        {
            Type = notice.Type, Result = result, Reason = reason, InvoiceId = notice.InvoiceId,
            PaymentIntentId = notice.PaymentIntentId, ReceivedAt = clock.GetUtcNow(),
        };
        await stripeEvent.WriteStateAsync();
        return new StripeEventOutcome(GetPrimaryKeyString(), notice.Type, result, reason, Duplicate: false);
    }

    /// <summary>
    /// Pays the invoice. PayInvoice is idempotent for the same payment intent, so a re-run of this call after
    /// a version conflict is safe. Its refusals (unknown or already paid invoice, another amount) are
    /// recorded and acknowledged: Stripe redelivering the event could not change them.
    /// </summary>
    private async Task<(string Result, string? Reason)> Settle(StripeEventNotice notice)
    {
        if (notice is not { PaymentIntentId: { } intent, AmountReceived: { } amount } || Invoice.LicenceIdOf(notice.InvoiceId) is not { } licenceId)
            return ("ignored", "not_an_invoice_payment");
        // The day Stripe recorded the payment, but never after our today (clocks differ a little).
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var paidOn = DateOnly.FromDateTime(notice.Created.UtcDateTime);
        try
        {
            await GrainFactory.GetGrain<ILicenceGrain>(licenceId).PayInvoice(notice.InvoiceId!,
                new InvoicePayment(LicensorPayoutsGrain.Stripe, intent, amount, paidOn < today ? paidOn : today));
            return ("invoice_paid", null);
        }
        catch (DomainException refused)
        {
            return ("ignored", refused.Code);
        }
    }
}
