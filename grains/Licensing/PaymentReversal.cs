using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// A payment that was booked on an invoice by mistake and reversed (§9: corrections are reversing entries). The original
/// posting stays in the ledger; <c>ReversalPostingId</c> (<c>reverse:{PaymentPostingId}</c>) takes the money back to the
/// provider's clearing account. Who reversed it, when, and why.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PaymentReversal(
    string Provider, string Reference, Money Amount, DateOnly PaidOn, string PaymentPostingId, string ReversalPostingId,
    string Reason, string? By, DateTimeOffset At);

/// <summary>The rules of reversing an invoice payment (pure).</summary>
public static class PaymentReversals
{
    public const int MaxReasonLength = 2000;

    /// <summary>
    /// The posting id of an invoice's next (or current) payment: <c>pay:{invoiceId}</c> first, <c>pay:{invoiceId}:{n}</c>
    /// after n reversals — posting ids are unique, and a reopened invoice must be payable again.
    /// </summary>
    public static string PaymentPostingId(Invoice invoice) =>
        invoice.Reversals is { Count: > 0 } reversals ? $"pay:{invoice.Id}:{reversals.Count}" : $"pay:{invoice.Id}";

    public static string ReversalPostingId(string paymentPostingId) => $"reverse:{paymentPostingId}";

    /// <summary>
    /// 409 <c>invoice_not_paid</c>; 409 <c>not_offline_payment</c> (a Stripe payment is refunded in Stripe, and a zero invoice
    /// had nothing paid); 409 <c>payment_distributed</c> when the account the money went to no longer holds it
    /// (<paramref name="heldWhereBooked"/>: the pool's collections were distributed, or the licensor's payable paid out).
    /// </summary>
    public static void RequireReversible(Invoice invoice, long heldWhereBooked)
    {
        if (invoice.Status != InvoiceStatus.Paid)
            throw DomainException.Conflict("invoice_not_paid", $"Invoice {invoice.Id} is not paid; there is no payment to reverse.");
        if (invoice.PaymentProvider != InvoicePayment.Offline)
            throw DomainException.Conflict("not_offline_payment", invoice.PaymentProvider is null
                ? $"Invoice {invoice.Id} had nothing to pay."
                : $"Invoice {invoice.Id} was paid via {invoice.PaymentProvider}; refund it there.");
        if (heldWhereBooked < invoice.Amount.Amount)
            throw DomainException.Conflict("payment_distributed",
                $"The money of invoice {invoice.Id} has been distributed or paid out since; it can no longer be taken back here.");
    }

    /// <summary>The invoice reopened: unpaid again (open, or overdue once past its due date), the reversal on record.</summary>
    public static Invoice Reopen(Invoice invoice, PaymentReversal reversal) => invoice with
    {
        Status = InvoiceStatus.Open, PaidOn = null, PaymentReference = null, PaymentProvider = null,
        Reversals = [.. invoice.Reversals ?? [], reversal],
    };
}
