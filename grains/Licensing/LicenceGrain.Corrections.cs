using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Corrections (§9): a mistaken payment is reversed by a reversing posting, never deleted.</summary>
public sealed partial class LicenceGrain
{
    public async Task<Invoice> ReversePayment(string invoiceId, string reason)
    {
        var state = licence.State;
        var index = state.Exists ? state.Invoices.FindIndex(i => i.Id == invoiceId) : -1;
        if (index < 0) throw DomainException.NotFound("invoice_not_found", $"Invoice {invoiceId} does not exist.");
        var invoice = state.Invoices[index];
        // The payment credited the pool's collections, or the licensor's payable and any pledge escrows (art. 444):
        // every one of them must still hold its part, or the money has moved on and cannot be taken back here.
        var credits = await CollectedInto(state, invoice);
        var ledgerQueries = ServiceProvider.GetRequiredService<ILedgerQueries>();
        var held = invoice.Amount.Amount;
        foreach (var credit in credits)
        {
            var balance = (await ledgerQueries.Account(credit.Account, 0)).Balances
                .FirstOrDefault(b => b.Currency == invoice.Amount.Currency).Amount;
            if (balance < credit.Amount) held = 0;
        }
        PaymentReversals.RequireReversible(invoice, held);

        var paymentPosting = PaymentReversals.PaymentPostingId(invoice);
        var reversal = new PaymentReversal(invoice.PaymentProvider!, invoice.PaymentReference!, invoice.Amount, invoice.PaidOn!.Value,
            paymentPosting, PaymentReversals.ReversalPostingId(paymentPosting), reason, CallerContext.Current, clock.GetUtcNow());
        ledger.Post(new Posting(reversal.ReversalPostingId, invoice.Amount.Currency,
            $"Reversal of {paymentPosting} (invoice {invoiceId}, reference {reversal.Reference}): {reason}",
            [new LedgerEntry(LedgerAccounts.Clearing(reversal.Provider), invoice.Amount.Amount), .. credits.Select(c => c with { Amount = -c.Amount })]));
        state.Invoices[index] = PaymentReversals.Reopen(invoice, reversal);
        await licence.WriteStateAsync();
        // After the write: until the invoice is reopened the reference must stay claimed, or it could settle a second invoice.
        await GrainFactory.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key(reversal.Provider, reversal.Reference)).Release(invoiceId);
        return state.Invoices[index].AsOf(Today);
    }
}
