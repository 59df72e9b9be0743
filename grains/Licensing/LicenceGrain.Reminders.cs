
namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// Durable one-shot reminders flag what fell due unhandled: the CNIPA filing and each open invoice.
/// They fire at the end of the due date (00:00 Beijing time the day after, 16:00 UTC of the due date). Ticks arrive at least once, and a
/// reminder may outlive what it was for (a call re-run, a filing recorded), so handlers re-check.
/// </summary>
public sealed partial class LicenceGrain
{
    private const string CnipaReminder = "cnipa-filing-due";
    private const string InvoicePrefix = "invoice-due:";

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var state = licence.State;
        if (!state.Exists) return;
        var today = Today;
        if (reminderName == CnipaReminder)
        {
            if (state.CnipaFiling.OverdueFlaggedAt is null && state.CnipaFiling.IsOverdueOn(today))
            {
                state.CnipaFiling = state.CnipaFiling with { OverdueFlaggedAt = clock.GetUtcNow() };
                await licence.WriteStateAsync();
            }
            if (state.CnipaFiling.OverdueFlaggedAt is not null || state.CnipaFiling.IsFiled)
                await this.Done(CnipaReminder);
        }
        else if (reminderName.StartsWith(InvoicePrefix, StringComparison.Ordinal))
        {
            var index = state.Invoices.FindIndex(i => i.Id == reminderName[InvoicePrefix.Length..]);
            if (index >= 0 && state.Invoices[index].Status == InvoiceStatus.Open && !state.Invoices[index].IsOverdueOn(today)) return;
            if (index >= 0 && state.Invoices[index].Status == InvoiceStatus.Open)
            {
                state.Invoices[index] = state.Invoices[index] with { Status = InvoiceStatus.Overdue };
                await licence.WriteStateAsync();
            }
            await this.Done(reminderName);
        }
    }

    private Task RemindCnipaDue() => this.RemindOnce(CnipaReminder, clock.UntilEndOf(licence.State.CnipaFiling.DueOn));

    private Task RemindInvoiceDue(Invoice invoice) => this.RemindOnce(InvoicePrefix + invoice.Id, clock.UntilEndOf(invoice.DueOn));
}
