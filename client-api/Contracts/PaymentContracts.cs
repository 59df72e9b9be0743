using System.ComponentModel.DataAnnotations;
namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>
/// Body of <c>POST /api/v1/invoices/{id}/payments</c>: an operator confirms a bank transfer by its
/// reference; the amount must be exactly the invoice's.
/// </summary>
public sealed record OfflinePaymentRequest([Required] string? BankReference, [Required] MoneyRequest? Amount);

/// <summary>Body of <c>POST /api/v1/invoices/{id}/payment-reversals</c>: why the payment is reversed (1–2000 characters).</summary>
public sealed record PaymentReversalRequest([Required] string? Reason);
