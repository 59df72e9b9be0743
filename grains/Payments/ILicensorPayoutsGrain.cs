using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// Payouts of one licensor's payable balance, keyed by the licensor's party id. One grain per licensor
/// serialises its payouts: two requests cannot both pay out the same balance.
/// </summary>
public interface ILicensorPayoutsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Pays the whole payable balance in <see cref="PayoutCommand.Currency"/>: by Stripe transfer when
    /// Stripe is configured and the party has a connected account, else offline (an operator's bank
    /// transfer, awaiting confirmation). Repeating a payout id returns that payout (finishing it if it is
    /// still in flight). Zero balance: 422 <c>nothing_to_pay</c>; unknown party: 422 <c>unknown_party</c>.
    /// </summary>
    Task<Payout> Pay(PayoutCommand command);

    /// <summary>Every payout, oldest first.</summary>
    Task<IReadOnlyList<Payout>> List();
}

/// <param name="PayoutId">Derived from the request's idempotency key; also Stripe's idempotency key for the transfer.</param>
/// <param name="DistributionId">Groups the transfer with the rest of a distribution (Stripe <c>transfer_group</c>).</param>
[GenerateSerializer]
[Immutable]
public sealed record PayoutCommand(string PayoutId, string Currency, string? DistributionId = null);

[GenerateSerializer]
public enum PayoutStatus
{
    /// <summary>Reserved in the ledger, the provider's answer not yet recorded.</summary>
    InFlight,
    Paid,
    AwaitingBankTransfer,
    /// <summary>The provider refused; the money is back in the payable.</summary>
    Failed,
}

[GenerateSerializer]
[Immutable]
public sealed record Payout(
    string Id, string LicensorId, string Provider, Money Amount, PayoutStatus Status, DateTimeOffset CreatedAt,
    string? TransferGroup = null, string? DestinationAccount = null, string? TransferId = null,
    string? BankReference = null, string? FailureCode = null, DateTimeOffset? CompletedAt = null);

[GenerateSerializer]
public sealed class LicensorPayoutsState
{
    [Id(0)]
    public List<Payout> Payouts { get; set; } = [];
}
