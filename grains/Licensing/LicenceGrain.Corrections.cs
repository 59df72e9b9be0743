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
        var bookedInto = CollectedInto(state, invoice);
        var held = (await ServiceProvider.GetRequiredService<ILedgerQueries>().Account(bookedInto, 0)).Balances
            .FirstOrDefault(b => b.Currency == invoice.Amount.Currency).Amount;
        PaymentReversals.RequireReversible(invoice, held);

        var paymentPosting = PaymentReversals.PaymentPostingId(invoice);
        var reversal = new PaymentReversal(invoice.PaymentProvider!, invoice.PaymentReference!, invoice.Amount, invoice.PaidOn!.Value,
            paymentPosting, PaymentReversals.ReversalPostingId(paymentPosting), reason, CallerContext.Current, clock.GetUtcNow());
        ledger.Post(Posting.Transfer(reversal.ReversalPostingId, bookedInto, LedgerAccounts.Clearing(reversal.Provider), invoice.Amount,
            $"Reversal of {paymentPosting} (invoice {invoiceId}, reference {reversal.Reference}): {reason}"));
        state.Invoices[index] = PaymentReversals.Reopen(invoice, reversal);
        await licence.WriteStateAsync();
        // After the write: until the invoice is reopened the reference must stay claimed, or it could settle a second invoice.
        await GrainFactory.GetGrain<IPaymentReferenceGrain>(PaymentReferences.Key(reversal.Provider, reversal.Reference)).Release(invoiceId);
        return state.Invoices[index].AsOf(Today);
    }
}
