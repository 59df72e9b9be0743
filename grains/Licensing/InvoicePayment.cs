using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// Money received for an invoice: through <see cref="Provider"/> (<c>offline</c> for a bank transfer an
/// operator confirms, <c>stripe</c> for a payment intent) under the provider's <see cref="Reference"/>
/// (bank reference, payment intent id), which can settle one invoice only.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InvoicePayment(string Provider, string Reference, Money Amount, DateOnly PaidOn)
{
    public const string Offline = Payments.PaymentReferences.Offline;

    /// <summary>Long enough for bank references and provider ids, short enough to be a grain key.</summary>
    public const int MaxReferenceLength = 100;
}
