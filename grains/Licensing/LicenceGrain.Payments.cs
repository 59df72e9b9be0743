using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Invoice payments: offline bank transfers confirmed by an operator, Stripe payment intents.</summary>
public sealed partial class LicenceGrain
{
    public async Task<Invoice> PayInvoice(string invoiceId, InvoicePayment payment)
    {
        RequireWellFormed(payment);
        // A licence that does not exist has no invoices: callers address invoices, not licences.
        var state = licence.State;
        var index = state.Exists ? state.Invoices.FindIndex(i => i.Id == invoiceId) : -1;
        if (index < 0) throw DomainException.NotFound("invoice_not_found", $"Invoice {invoiceId} does not exist.");
        var invoice = state.Invoices[index];
        if (invoice.WasPaidBy(payment)) return invoice.AsOf(Today); // a webhook redelivered, a confirmation repeated
        await Settle(state, index, payment, Today, claim: true);
        await licence.WriteStateAsync();
        MarketMetrics.RoyaltyInvoicePaid(state.Type);
        return state.Invoices[index].AsOf(Today);
    }

    /// <summary>
    /// The payment rules and the booking of invoice <paramref name="index"/>, in <paramref name="state"/> and staged on the
    /// ledger, without writing: <paramref name="today"/> is the market's day or an onboarded payment's own day, and the
    /// posting is dated the day the money was received. Without <paramref name="claim"/> (an onboarding batch's check) the
    /// bank reference is only checked, not claimed, and nothing is staged.
    /// </summary>
    private async Task Settle(LicenceState state, int index, InvoicePayment payment, DateOnly today, bool claim)
    {
        var invoice = state.Invoices[index];
        if (invoice.Status == InvoiceStatus.Paid)
            throw DomainException.Conflict("invoice_already_paid", $"Invoice {invoice.Id} was paid on {invoice.PaidOn:yyyy-MM-dd}.");
        if (payment.Amount != invoice.Amount)
            throw DomainException.Unprocessable("amount_mismatch", $"Invoice {invoice.Id} is for {invoice.Amount}, not {payment.Amount}.", "amount");
        if (payment.PaidOn > today)
            throw DomainException.Invalid("date_in_future", "paidOn", "A payment cannot be dated in the future.");

        var reference = GrainFactory.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key(payment.Provider, payment.Reference));
        if (!claim)
        {
            if (await reference.ClaimedFor() is { } claimed && claimed != invoice.Id)
                throw DomainException.Conflict("bank_reference_used", $"Bank reference {payment.Reference} settled {claimed} already.", "bankReference");
            state.Invoices[index] = invoice.Paid(payment);
            return;
        }
        // Claimed before anything is booked, and idempotently for this invoice, so a re-run after a
        // version conflict passes while the same money can never settle a second invoice.
        await reference.Claim(invoice.Id);

        // The posting id names the invoice (and how many payments were reversed): whatever path pays it, its money is booked once.
        var credits = await CollectedInto(state, invoice);
        ledger.Post(new Posting(PaymentReversals.PaymentPostingId(invoice), invoice.Amount.Currency,
            $"Invoice {invoice.Id} ({invoice.Period}) paid via {payment.Provider}, reference {payment.Reference}",
            [new LedgerEntry(LedgerAccounts.Clearing(payment.Provider), -invoice.Amount.Amount), .. credits], payment.PaidOn));
        state.Invoices[index] = invoice.Paid(payment);
    }

    /// <summary>
    /// Where a licence's royalties wait: a pool's collections for the invoice's period (distributed
    /// per period, §6, where a pledged patent's share goes to its pledge escrow), or the bilateral
    /// licensor's payable — except that the part earned by a patent pledged when the invoice is paid
    /// goes to its pledge escrow (Civil Code art. 444, <see cref="PledgedEarnings"/>).
    /// </summary>
    private async Task<IReadOnlyList<LedgerEntry>> CollectedInto(LicenceState state, Invoice invoice)
    {
        if (state.Type == LicenceType.Pool)
            return [new LedgerEntry(LedgerAccounts.PoolCollections(state.Terms.PoolId!, invoice.Period), invoice.Amount.Amount)];
        var patents = new List<EarningPatent>();
        foreach (var number in state.Patents)
            patents.Add(new EarningPatent(number, (await GrainFactory.GetGrain<IPatentGrain>(number).Get())?.PledgeeId));
        return PledgedEarnings.Credits(invoice.Amount.Amount, patents, LedgerAccounts.LicensorPayable(state.LicensorIds[0]));
    }

    /// <summary>The gateway and webhooks check their input; this guards the grain key and the ledger against anything else.</summary>
    private static void RequireWellFormed(InvoicePayment payment)
    {
        if (string.IsNullOrWhiteSpace(payment.Provider) || payment.Provider.Contains(':'))
            throw DomainException.Invalid("invalid_provider", "provider", "A payment provider is a name such as offline or stripe.");
        if (string.IsNullOrWhiteSpace(payment.Reference) || payment.Reference.Length > InvoicePayment.MaxReferenceLength)
            throw DomainException.Invalid("invalid_reference", "bankReference", $"A payment reference has 1 to {InvoicePayment.MaxReferenceLength} characters.");
        Currencies.Require(payment.Amount, "amount");
    }
}
