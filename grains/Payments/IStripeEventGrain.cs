using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// One Stripe webhook event, keyed by its event id (<c>evt_…</c>). Stripe delivers at least once and in
/// no guaranteed order, so the first delivery acts and is recorded; any later delivery of the same id
/// only reads the record.
/// </summary>
public interface IStripeEventGrain : IGrainWithStringKey
{
    Task<StripeEventOutcome> Handle(StripeEventNotice notice);
}

/// <summary>What the webhook read from a signed event about a PaymentIntent.</summary>
/// <param name="AmountReceived">Minor units and the upper-cased currency, as the ledger counts money.</param>
/// <param name="TransferId"><c>metadata.transfer_id</c>: the intent pays a transfer's price into escrow.</param>
public sealed record StripeEventNotice(
    string Type, DateTimeOffset Created, string? PaymentIntentId, string? InvoiceId, Money? AmountReceived, string? TransferId = null);

/// <param name="Result"><c>invoice_paid</c>, <c>transfer_paid</c>, <c>ignored</c> (see <paramref name="Reason"/>) or <c>no_effect</c>.</param>
/// <param name="Duplicate">True for a repeated delivery: nothing was done this time.</param>
public sealed record StripeEventOutcome(string EventId, string Type, string Result, string? Reason, bool Duplicate);

public sealed class StripeEventState
{
    public string? Type { get; set; }
    public string? Result { get; set; }
    public string? Reason { get; set; }
    public string? InvoiceId { get; set; }
    public string? TransferId { get; set; }
    public string? PaymentIntentId { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
}
