using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// Only <c>payment_intent.succeeded</c> moves money: it settles the invoice, or pays the transfer's price
/// into escrow, named in the intent's metadata. Every other PaymentIntent event is recorded with no
/// effect, which is what makes order irrelevant: a <c>payment_failed</c> arriving after <c>succeeded</c> cannot un-pay an invoice.
/// </summary>
public sealed class StripeEventGrain([PersistentState("stripe-event", MarketStorage.Name)] IPersistentState<StripeEventState> stripeEvent, MarketClock clock) : Grain, IStripeEventGrain
{
    public const string PaymentIntentSucceeded = "payment_intent.succeeded";

    public async Task<StripeEventOutcome> Handle(StripeEventNotice notice)
    {
        var state = stripeEvent.State;
        if (state.ReceivedAt is not null)
            return new StripeEventOutcome(this.GetPrimaryKeyString(), state.Type!, state.Result!, state.Reason, Duplicate: true);

        var (result, reason) = notice.Type == PaymentIntentSucceeded ? await Settle(notice) : ("no_effect", null);
        stripeEvent.State = new StripeEventState
        {
            Type = notice.Type, Result = result, Reason = reason, InvoiceId = notice.InvoiceId,
            TransferId = notice.TransferId, PaymentIntentId = notice.PaymentIntentId, ReceivedAt = clock.GetUtcNow(),
        };
        await stripeEvent.WriteStateAsync();
        return new StripeEventOutcome(this.GetPrimaryKeyString(), notice.Type, result, reason, Duplicate: false);
    }

    /// <summary>
    /// Pays the invoice or the transfer. PayInvoice and ConfirmPayment are idempotent for the same payment
    /// intent, so a re-run of this call after a version conflict is safe. Their refusals (unknown or already
    /// paid, another amount, a transfer no longer awaiting payment) are recorded and acknowledged: Stripe
    /// redelivering the event could not change them.
    /// </summary>
    private async Task<(string Result, string? Reason)> Settle(StripeEventNotice notice)
    {
        if (notice is not { PaymentIntentId: { } intent, AmountReceived: { } amount })
            return ("ignored", "not_an_invoice_payment");
        try
        {
            if (Invoice.LicenceIdOf(notice.InvoiceId) is { } licenceId)
            {
                await GrainFactory.GetGrain<ILicenceGrain>(licenceId).PayInvoice(notice.InvoiceId!,
                    new InvoicePayment(LicensorPayoutsGrain.Stripe, intent, amount, PaidOn(notice.Created, clock.Today)));
                return ("invoice_paid", null);
            }
            if (notice.InvoiceId is null && notice.TransferId is { } transferId)
            {
                if (!transferId.StartsWith("trf_", StringComparison.Ordinal))
                    return ("ignored", "transfer_not_found");
                await GrainFactory.GetGrain<ITransferGrain>(transferId).ConfirmPayment(new TransferPayment(LicensorPayoutsGrain.Stripe, intent, amount));
                return ("transfer_paid", null);
            }
            return ("ignored", "not_an_invoice_payment");
        }
        catch (DomainException refused)
        {
            return ("ignored", refused.Code);
        }
    }

    /// <summary>The Beijing day on which Stripe recorded the payment, but never after our today (clocks differ a little).</summary>
    internal static DateOnly PaidOn(DateTimeOffset created, DateOnly today)
    {
        var paidOn = MarketClock.DayOf(created);
        return paidOn < today ? paidOn : today;
    }
}
