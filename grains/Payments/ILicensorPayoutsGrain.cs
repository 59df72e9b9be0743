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

    /// <summary>
    /// An operator confirms that the bank transfer of an offline payout left: the bank's <paramref name="bankReference"/> and
    /// the day (<see cref="PayoutClosing.RequireConfirmable"/>). The money moved when the payout was ordered, so nothing
    /// is posted; the reference is claimed (it confirms one payout only). The same confirmation again is a no-op.
    /// </summary>
    Task<Payout> ConfirmBankTransfer(string payoutId, string bankReference, DateOnly paidOn);

    /// <summary>
    /// An operator cancels an offline payout whose bank transfer will not be made: the money goes back to the payable
    /// (<c>payout:{id}:cancel</c>, the reverse of <c>payout:{id}</c>). Cancelling again is a no-op.
    /// </summary>
    Task<Payout> CancelBankTransfer(string payoutId, string reason);

    /// <summary>
    /// The admin resolves a Stripe payout left in flight past the automatic resumption window, after checking its transfer
    /// group in Stripe: <see cref="PayoutReviewOutcome.Paid"/> settles it (<c>payout:{id}:settle</c>),
    /// <see cref="PayoutReviewOutcome.Failed"/> returns the money to the payable (<c>payout:{id}:release</c>).
    /// The same resolution again is a no-op.
    /// </summary>
    Task<Payout> Review(string payoutId, PayoutReview review);
}

[GenerateSerializer]
public enum PayoutReviewOutcome
{
    /// <summary>Stripe shows the transfer: the payout is paid.</summary>
    Paid,
    /// <summary>Stripe shows no transfer (or a reversed one): the money is returned to the payable.</summary>
    Failed,
}

/// <param name="TransferId">The Stripe transfer (<c>tr_…</c>) found, when paid.</param>
[GenerateSerializer]
[Immutable]
public sealed record PayoutReview(PayoutReviewOutcome Outcome, string? TransferId, string? Note);

/// <param name="PayoutId">Derived from the request's idempotency key; also Stripe's idempotency key for the transfer.</param>
/// <param name="DistributionId">Groups the transfer with the rest of a distribution (Stripe <c>transfer_group</c>).</param>
/// <param name="CenterId">The operating center ordering the payout (the operator's party; null for the admin).</param>
[GenerateSerializer]
[Immutable]
public sealed record PayoutCommand(string PayoutId, string Currency, string? DistributionId = null, string? CenterId = null);

[GenerateSerializer]
public enum PayoutStatus
{
    /// <summary>Reserved in the ledger, the provider's answer not yet recorded.</summary>
    InFlight,
    Paid,
    AwaitingBankTransfer,
    /// <summary>The provider refused; the money is back in the payable.</summary>
    Failed,
    /// <summary>An offline payout an operator cancelled; the money is back in the payable.</summary>
    Cancelled,
}

[GenerateSerializer]
[Immutable]
public sealed record Payout(
    string Id, string LicensorId, string Provider, Money Amount, PayoutStatus Status, DateTimeOffset CreatedAt,
    string? TransferGroup = null, string? DestinationAccount = null, string? TransferId = null,
    string? BankReference = null, string? FailureCode = null, DateTimeOffset? CompletedAt = null,
    string? CenterId = null, PayoutSettlement? Settlement = null);

/// <summary>
/// How a payout was closed by hand: an operator's confirmation (the bank's reference and day) or cancellation (reason),
/// or the admin's review of a Stripe payout (outcome, transfer found, note); who and when.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PayoutSettlement(string Action, string? BankReference, DateOnly? PaidOn, string? Reason, string? TransferId, string? By, DateTimeOffset At);

[GenerateSerializer]
public sealed class LicensorPayoutsState
{
    [Id(0)]
    public List<Payout> Payouts { get; set; } = [];
}
