using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// Stripe as grains and endpoints see it: domain values in, Stripe ids out. The HTTP client behind
/// it lives in the silo, so grain code never touches HTTP. Every call carries our idempotency key,
/// so repeating it (a retry, a grain call re-run after a version conflict) never moves money twice.
/// </summary>
public interface IStripeGateway
{
    /// <summary>False unless <c>Market:Stripe:SecretKey</c> is set: payouts then go offline and payment intents are refused.</summary>
    bool IsConfigured { get; }

    /// <summary>
    /// A PaymentIntent for <paramref name="amount"/>, tagged with <paramref name="metadata"/> (what it pays:
    /// see <see cref="StripePaymentIntents"/>), which the webhook reads back to settle it.
    /// </summary>
    Task<StripePaymentIntent> CreatePaymentIntent(
        Money amount, string description, IReadOnlyDictionary<string, string> metadata, string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>A Connect transfer from the platform balance to a connected account (<c>acct_…</c>).</summary>
    Task<StripeTransfer> CreateTransfer(
        string destinationAccountId, Money amount, string transferGroup, string idempotencyKey,
        IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default);
}

/// <summary>What the payer's browser needs to confirm the payment (the client secret) and the intent's status.</summary>
[GenerateSerializer]
[Immutable]
public sealed record StripePaymentIntent(string Id, string ClientSecret, string Status);

[GenerateSerializer]
[Immutable]
public sealed record StripeTransfer(string Id);

/// <summary>
/// A payment provider refused or failed a request. <see cref="Transient"/>: it may succeed if repeated
/// later with the same idempotency key (rate limits, provider outages, network); otherwise the request
/// itself was refused and repeating it cannot help.
/// </summary>
[GenerateSerializer]
public class PaymentProviderException(string provider, string errorType, string? code, string message, bool transient)
    : Exception(message)
{
    [Id(0)]
    public string Provider { get; } = provider;

    /// <summary>The provider's error category (Stripe: <c>invalid_request_error</c>, <c>api_error</c> …).</summary>
    [Id(1)]
    public string ErrorType { get; } = errorType;

    /// <summary>The provider's error code where it gives one (Stripe: <c>balance_insufficient</c> …).</summary>
    [Id(2)]
    public string? Code { get; } = code;

    [Id(3)]
    public bool Transient { get; } = transient;
}
