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
[GenerateSerializer]
[Immutable]
public sealed record StripeEventNotice(
    string Type, DateTimeOffset Created, string? PaymentIntentId, string? InvoiceId, Money? AmountReceived, string? TransferId = null);

/// <param name="Result"><c>invoice_paid</c>, <c>transfer_paid</c>, <c>ignored</c> (see <paramref name="Reason"/>) or <c>no_effect</c>.</param>
/// <param name="Duplicate">True for a repeated delivery: nothing was done this time.</param>
[GenerateSerializer]
[Immutable]
public sealed record StripeEventOutcome(string EventId, string Type, string Result, string? Reason, bool Duplicate);

[GenerateSerializer]
public sealed class StripeEventState
{
    [Id(0)]
    public string? Type { get; set; }
    [Id(1)]
    public string? Result { get; set; }
    [Id(2)]
    public string? Reason { get; set; }
    [Id(3)]
    public string? InvoiceId { get; set; }
    [Id(4)]
    public string? TransferId { get; set; }
    [Id(5)]
    public string? PaymentIntentId { get; set; }
    [Id(6)]
    public DateTimeOffset? ReceivedAt { get; set; }
}
