using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// What a PaymentIntent pays, as its metadata says: an invoice (<c>invoice_id</c>, with <c>licence_id</c>)
/// or the price of a transfer (<c>transfer_id</c>). The webhook reads the same keys back.
/// </summary>
public static class StripePaymentIntents
{
    public const string InvoiceIdKey = "invoice_id";
    public const string LicenceIdKey = "licence_id";
    public const string TransferIdKey = "transfer_id";

    /// <summary>A PaymentIntent for an invoice, tagged with <c>metadata[invoice_id]</c> and <c>metadata[licence_id]</c>.</summary>
    public static Task<StripePaymentIntent> CreatePaymentIntent(this IStripeGateway stripe,
        string invoiceId, string licenceId, Money amount, string idempotencyKey, CancellationToken cancellationToken = default) =>
        stripe.CreatePaymentIntent(amount, $"Invoice {invoiceId}",
            new Dictionary<string, string> { [InvoiceIdKey] = invoiceId, [LicenceIdKey] = licenceId }, idempotencyKey, cancellationToken);

    /// <summary>A PaymentIntent for a transfer's price, tagged with <c>metadata[transfer_id]</c>; the webhook pays it into escrow.</summary>
    public static Task<StripePaymentIntent> CreateTransferPaymentIntent(this IStripeGateway stripe,
        string transferId, Money price, string idempotencyKey, CancellationToken cancellationToken = default) =>
        stripe.CreatePaymentIntent(price, $"Transfer {transferId}",
            new Dictionary<string, string> { [TransferIdKey] = transferId }, idempotencyKey, cancellationToken);
}
