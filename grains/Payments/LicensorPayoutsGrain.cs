using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// A Stripe payout is a small saga, because the transfer happens outside our transaction:
/// (1) reserve: payable → payouts in flight, written before Stripe is called, so that a concurrent payout
/// (another silo, another key) finds the balance gone instead of transferring it a second time;
/// (2) the transfer, with the payout id as Stripe's idempotency key, so repeating it is safe;
/// (3) settle: in flight → clearing:stripe (or back to the payable if Stripe refused).
/// A crash or provider outage between (1) and (3) leaves the payout in flight; a reminder, or the same
/// request repeated, resumes it at (2).
/// </summary>
public sealed class LicensorPayoutsGrain(
    [PersistentState("licensor-payouts", MarketStorage.Name)] IPersistentState<LicensorPayoutsState> payouts, ILedger ledger, ILedgerQueries ledgerQueries,
    IStripeGateway stripe, MarketClock clock) : Grain, ILicensorPayoutsGrain, IRemindable
{
    public const string Stripe = "stripe";
    public const string Offline = PaymentReferences.Offline;
    private const string ResumeReminder = "resume-payouts";
    private static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(2);

    /// <summary>See <see cref="PayoutClosing.AutomaticResumeWindow"/>.</summary>
    public static readonly TimeSpan AutomaticResumeWindow = PayoutClosing.AutomaticResumeWindow;

    /// <summary>The provider name under which the bank references of confirmed payouts are claimed (<c>payout:{reference}</c>).</summary>
    public const string OutgoingBankTransfer = "payout";

    private string LicensorId => this.GetPrimaryKeyString();

    public async Task<Payout> Pay(PayoutCommand command)
    {
        if (payouts.State.Payouts.Find(p => p.Id == command.PayoutId) is { } known)
            return known.Status == PayoutStatus.InFlight ? await Complete(known) : known;
        if (!Currencies.IsKnown(command.Currency))
            throw DomainException.Invalid("unknown_currency", "currency", $"'{command.Currency}' is not a supported ISO 4217 currency code.");
        var party = await GrainFactory.GetGrain<IPartyGrain>(LicensorId).Get()
            ?? throw DomainException.Unprocessable("unknown_party", $"Party {LicensorId} does not exist.", "licensorId");

        var balance = (await ledgerQueries.Account(LedgerAccounts.LicensorPayable(LicensorId), 0)).Balances
            .FirstOrDefault(b => b.Currency == command.Currency).Amount;
        if (balance <= 0)
            throw DomainException.Unprocessable("nothing_to_pay", $"Nothing is payable to {LicensorId} in {command.Currency}.", "licensorId");
        var amount = new Money(balance, command.Currency);
        var payable = LedgerAccounts.LicensorPayable(LicensorId);

        // Registered before the write, so that the payout can be found by id; an entry whose write failed finds nothing.
        await GrainFactory.GetGrain<IPayoutDirectoryGrain>(IPayoutDirectoryGrain.Key).Register(new PayoutEntry(command.PayoutId, LicensorId, command.CenterId));
        if (stripe.IsConfigured && party.StripeAccountId is { } account)
        {
            var payout = new Payout(command.PayoutId, LicensorId, Stripe, amount, PayoutStatus.InFlight, clock.GetUtcNow(),
                TransferGroup: command.DistributionId ?? command.PayoutId, DestinationAccount: account, CenterId: command.CenterId);
            ledger.Post(Posting.Transfer($"payout:{payout.Id}:reserve", payable, LedgerAccounts.PayoutsInFlight, amount,
                $"Payout {payout.Id} to {LicensorId} reserved for a Stripe transfer to {account}"));
            payouts.State.Payouts.Add(payout);
            // Registered before the write: a reminder that finds nothing in flight does nothing.
            await this.RemindOnce(ResumeReminder, ResumeAfter);
            await payouts.WriteStateAsync();
            return await Complete(payout);
        }

        var offline = new Payout(command.PayoutId, LicensorId, Offline, amount, PayoutStatus.AwaitingBankTransfer, clock.GetUtcNow(),
            BankReference: BankReferenceFor(command.PayoutId), CenterId: command.CenterId);
        ledger.Post(Posting.Transfer($"payout:{offline.Id}", payable, LedgerAccounts.Clearing(Offline), amount,
            $"Payout {offline.Id} to {LicensorId} by bank transfer, reference {offline.BankReference}"));
        payouts.State.Payouts.Add(offline);
        await payouts.WriteStateAsync();
        return offline;
    }

    public Task<IReadOnlyList<Payout>> List() => Task.FromResult<IReadOnlyList<Payout>>([.. payouts.State.Payouts]);

    public async Task<Payout> ConfirmBankTransfer(string payoutId, string bankReference, DateOnly paidOn)
    {
        var payout = Find(payoutId);
        var reference = PaymentReferences.Normalize(Offline, bankReference);
        if (!PayoutClosing.RequireConfirmable(payout, reference, paidOn, clock.Today)) return payout;
        // One bank transfer confirms one payout; claimed idempotently for this payout, so a re-run passes.
        await GrainFactory.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key(OutgoingBankTransfer, reference)).Claim($"payout:{payoutId}");
        var now = clock.GetUtcNow();
        var confirmed = payout with
        {
            Status = PayoutStatus.Paid, CompletedAt = now,
            Settlement = new PayoutSettlement(PayoutClosing.Confirmed, reference, paidOn, null, null, CallerContext.Current, now),
        };
        Replace(confirmed);
        await payouts.WriteStateAsync();
        return confirmed;
    }

    public async Task<Payout> CancelBankTransfer(string payoutId, string reason)
    {
        var payout = Find(payoutId);
        if (!PayoutClosing.RequireCancellable(payout)) return payout;
        ledger.Post(Posting.Transfer($"payout:{payout.Id}:cancel", LedgerAccounts.Clearing(Offline), LedgerAccounts.LicensorPayable(LicensorId), payout.Amount,
            $"Payout {payout.Id} cancelled, back to the payable: {reason}"));
        var now = clock.GetUtcNow();
        var cancelled = payout with
        {
            Status = PayoutStatus.Cancelled, CompletedAt = now,
            Settlement = new PayoutSettlement(PayoutClosing.Cancelled, null, null, reason, null, CallerContext.Current, now),
        };
        Replace(cancelled);
        await payouts.WriteStateAsync();
        return cancelled;
    }

    public async Task<Payout> Review(string payoutId, PayoutReview review)
    {
        var payout = Find(payoutId);
        var now = clock.GetUtcNow();
        if (!PayoutClosing.RequireReviewable(payout, review, now)) return payout;
        var settlement = new PayoutSettlement(PayoutClosing.Reviewed, null, null, review.Outcome.ToString(), review.TransferId, CallerContext.Current, now);
        Payout reviewed;
        if (review.Outcome == PayoutReviewOutcome.Paid)
        {
            ledger.Post(Posting.Transfer($"payout:{payout.Id}:settle", LedgerAccounts.PayoutsInFlight, LedgerAccounts.Clearing(Stripe), payout.Amount,
                $"Payout {payout.Id} to {LicensorId}: Stripe transfer {review.TransferId}, found on review"));
            reviewed = payout with { Status = PayoutStatus.Paid, TransferId = review.TransferId, CompletedAt = now, Settlement = settlement };
        }
        else
        {
            ledger.Post(Posting.Transfer($"payout:{payout.Id}:release", LedgerAccounts.PayoutsInFlight, LedgerAccounts.LicensorPayable(LicensorId), payout.Amount,
                $"Payout {payout.Id}: no Stripe transfer found on review; back to the payable"));
            reviewed = payout with { Status = PayoutStatus.Failed, FailureCode = "failed_on_review", CompletedAt = now, Settlement = settlement };
        }
        Replace(reviewed);
        await payouts.WriteStateAsync();
        return reviewed;
    }

    private Payout Find(string payoutId) => payouts.State.Payouts.Find(p => p.Id == payoutId)
        ?? throw DomainException.NotFound("payout_not_found", $"Payout {payoutId} does not exist.");

    /// <summary>Resumes payouts left in flight by a provider outage or a crash.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        foreach (var payout in payouts.State.Payouts.Where(p => p.Status == PayoutStatus.InFlight && !IsStale(p)).ToList())
        {
            try
            {
                await Complete(payout);
            }
            catch (PaymentProviderException ex) when (ex.Transient)
            {
                await this.RemindOnce(ResumeReminder, ResumeAfter);
                return;
            }
            catch (DomainException)
            {
                // Refused by Stripe: Complete recorded the failure and released the money.
            }
        }
        await this.Done(ResumeReminder);
    }

    /// <summary>Steps (2) and (3); a transient provider error propagates and leaves the payout in flight.</summary>
    private async Task<Payout> Complete(Payout payout)
    {
        if (IsStale(payout))
            throw DomainException.Conflict("payout_needs_review",
                $"Payout {payout.Id} has been in flight since {payout.CreatedAt:O}; check transfer group {payout.TransferGroup} in Stripe, then resolve it with POST /api/v1/payouts/{payout.Id}/review.");
        var payable = LedgerAccounts.LicensorPayable(LicensorId);
        StripeTransfer transfer;
        try
        {
            transfer = await stripe.CreateTransfer(payout.DestinationAccount!, payout.Amount, payout.TransferGroup!, payout.Id,
                new Dictionary<string, string> { ["payout_id"] = payout.Id, ["licensor_id"] = LicensorId });
        }
        catch (PaymentProviderException ex) when (!ex.Transient)
        {
            ledger.Post(Posting.Transfer($"payout:{payout.Id}:release", LedgerAccounts.PayoutsInFlight, payable, payout.Amount,
                $"Payout {payout.Id} refused by Stripe ({ex.Code ?? ex.ErrorType}); back to the payable"));
            Replace(payout with { Status = PayoutStatus.Failed, FailureCode = ex.Code ?? ex.ErrorType, CompletedAt = clock.GetUtcNow() });
            await payouts.WriteStateAsync();
            throw DomainException.Unprocessable("payout_refused", $"Stripe refused the transfer: {ex.Message}");
        }

        ledger.Post(Posting.Transfer($"payout:{payout.Id}:settle", LedgerAccounts.PayoutsInFlight, LedgerAccounts.Clearing(Stripe), payout.Amount,
            $"Payout {payout.Id} to {LicensorId}: Stripe transfer {transfer.Id}"));
        var paid = payout with { Status = PayoutStatus.Paid, TransferId = transfer.Id, CompletedAt = clock.GetUtcNow() };
        Replace(paid);
        await payouts.WriteStateAsync();
        return paid;
    }

    private bool IsStale(Payout payout) => PayoutClosing.IsStale(payout, clock.GetUtcNow());

    private void Replace(Payout payout)
    {
        var index = payouts.State.Payouts.FindIndex(p => p.Id == payout.Id);
        payouts.State.Payouts[index] = payout;
    }

    /// <summary>What the operator writes on the bank transfer, so the licensor can match it to this payout.</summary>
    public static string BankReferenceFor(string payoutId) => "PNM-" + payoutId.ToUpperInvariant();
}
