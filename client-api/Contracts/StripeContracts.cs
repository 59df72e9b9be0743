using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Payments;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>
/// Answer of <c>POST /api/v1/invoices/{id}/payment-intents</c>: the payer's browser confirms the payment
/// with Stripe.js using <see cref="ClientSecret"/>; the invoice is settled by the webhook, not here.
/// </summary>
public sealed record PaymentIntentResponse(string Id, string ClientSecret, string Status, string InvoiceId, Money Amount);

/// <summary>
/// Answer of <c>POST /api/v1/transfers/{id}/payment-intents</c>: as for invoices, the buyer confirms with
/// <see cref="ClientSecret"/> and the webhook pays the price into the transfer's escrow.
/// </summary>
public sealed record TransferPaymentIntentResponse(string Id, string ClientSecret, string Status, string TransferId, Money Amount);

/// <summary>Answer of <c>POST /webhooks/stripe</c>: <c>result</c> is <c>invoice_paid</c>, <c>transfer_paid</c>, <c>ignored</c> (with <c>reason</c>) or <c>no_effect</c>.</summary>
public sealed record StripeWebhookResponse(string EventId, string Type, string Result, string? Reason, bool Duplicate);

/// <summary>Body of <c>PUT /api/v1/parties/{id}/stripe-account</c>.</summary>
public sealed record StripeAccountRequest([Required] string? StripeAccountId);

/// <summary>Body of <c>POST /api/v1/payouts</c>; <c>distributionId</c> becomes the Stripe transfer group.</summary>
public sealed record PayoutRequest([Required] string? LicensorId, [Required] string? Currency, string? DistributionId);

public sealed record PayoutResponse(
    string PayoutId, string LicensorId, string Provider, Money Amount, PayoutStatus Status,
    string? TransferId, string? TransferGroup, string? BankReference, string? FailureCode,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? CenterId, PayoutSettlement? Settlement)
{
    public static PayoutResponse From(Payout p) => new(
        p.Id, p.LicensorId, p.Provider, p.Amount, p.Status, p.TransferId, p.TransferGroup, p.BankReference, p.FailureCode, p.CreatedAt, p.CompletedAt,
        p.CenterId, p.Settlement);
}

/// <summary>Answer of <c>GET /api/v1/payouts</c>: a page of the payouts the caller may see, newest first; <c>nextCursor</c> null on the last page.</summary>
public sealed record PayoutPageResponse(IReadOnlyList<PayoutResponse> Items, string? NextCursor = null);

/// <summary>Body of <c>POST /api/v1/payouts/{id}/confirmation</c>: the bank's reference of the transfer and the day it left.</summary>
public sealed record PayoutConfirmationRequest([Required] string? BankReference, [Required] DateOnly? PaidOn);

/// <summary>Body of <c>POST /api/v1/payouts/{id}/cancellation</c>.</summary>
public sealed record PayoutCancellationRequest([Required] string? Reason);

/// <summary>Body of <c>POST /api/v1/payouts/{id}/review</c>: <c>paid</c> (with the Stripe <c>transferId</c>) or <c>failed</c>.</summary>
public sealed record PayoutReviewRequest([Required] PayoutReviewOutcome? Outcome, string? TransferId, string? Note);

/// <summary>Payout statuses as they are written on the wire (snake_case).</summary>
public static class PayoutStatuses
{
    public static bool TryParse(string text, out PayoutStatus status)
    {
        foreach (var value in Enum.GetValues<PayoutStatus>())
            if (System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) == text)
            {
                status = value;
                return true;
            }
        status = default;
        return false;
    }
}

public sealed record PayoutListResponse(string LicensorId, IReadOnlyList<PayoutResponse> Items);

/// <summary>What the console needs to take a card payment: Stripe's publishable key, or null when card payment is off.</summary>
public sealed record PaymentConfigResponse(string? StripePublishableKey);
