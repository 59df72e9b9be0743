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

    /// <summary>
    /// Stripe keeps idempotency keys for at least 24 hours. Past that, repeating a transfer whose first
    /// answer was lost could pay twice, so an older payout in flight waits for an operator instead.
    /// </summary>
    public static readonly TimeSpan AutomaticResumeWindow = TimeSpan.FromHours(23);

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

        if (stripe.IsConfigured && party.StripeAccountId is { } account)
        {
            var payout = new Payout(command.PayoutId, LicensorId, Stripe, amount, PayoutStatus.InFlight, clock.GetUtcNow(),
                TransferGroup: command.DistributionId ?? command.PayoutId, DestinationAccount: account);
            ledger.Post(Posting.Transfer($"payout:{payout.Id}:reserve", payable, LedgerAccounts.PayoutsInFlight, amount,
                $"Payout {payout.Id} to {LicensorId} reserved for a Stripe transfer to {account}"));
            payouts.State.Payouts.Add(payout);
            // Registered before the write: a reminder that finds nothing in flight does nothing.
            await this.RemindOnce(ResumeReminder, ResumeAfter);
            await payouts.WriteStateAsync();
            return await Complete(payout);
        }

        var offline = new Payout(command.PayoutId, LicensorId, Offline, amount, PayoutStatus.AwaitingBankTransfer, clock.GetUtcNow(),
            BankReference: BankReferenceFor(command.PayoutId));
        ledger.Post(Posting.Transfer($"payout:{offline.Id}", payable, LedgerAccounts.Clearing(Offline), amount,
            $"Payout {offline.Id} to {LicensorId} by bank transfer, reference {offline.BankReference}"));
        payouts.State.Payouts.Add(offline);
        await payouts.WriteStateAsync();
        return offline;
    }

    public Task<IReadOnlyList<Payout>> List() => Task.FromResult<IReadOnlyList<Payout>>([.. payouts.State.Payouts]);

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
                $"Payout {payout.Id} has been in flight since {payout.CreatedAt:O}; check transfer group {payout.TransferGroup} in Stripe before anything else.");
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

    private bool IsStale(Payout payout) => clock.GetUtcNow() - payout.CreatedAt > AutomaticResumeWindow;

    private void Replace(Payout payout)
    {
        var index = payouts.State.Payouts.FindIndex(p => p.Id == payout.Id);
        payouts.State.Payouts[index] = payout;
    }

    /// <summary>What the operator writes on the bank transfer, so the licensor can match it to this payout.</summary>
    public static string BankReferenceFor(string payoutId) => "PNM-" + payoutId.ToUpperInvariant();
}
