using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Onboarding;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Onboarding: a pool licence created with its past reports, invoices and payments, each on its own day.</summary>
public sealed partial class LicenceGrain
{
    public async Task<IReadOnlyList<Invoice>> Onboard(LicenceOnboarding plan, bool dryRun)
    {
        if (licence.State.Exists)
            return licence.State.Onboarding?.BatchId == plan.Mark.BatchId
                ? [.. licence.State.Invoices.Select(i => i.AsOf(Today))] // a retry of the batch that created it
                : throw DomainException.Conflict("licence_exists", $"Licence {this.GetPrimaryKeyString()} already exists.");
        var e = plan.Enrolment;
        // The state CreatePool would make from the same enrolment, built aside: the grain's state is set only when all passed.
        var state = new LicenceState
        {
            Type = LicenceType.Pool,
            Kind = LicenceKind.NonExclusive,
            LicensorIds = [plan.AdministratorId],
            LicenseeId = plan.LicenseeId,
            Scope = LicenceScope.Everything(e.Start),
            Terms = new LicenceTerms(e.Currency, PoolId: e.PoolId, RateCardVersion: e.LockedRateCardVersion, RoyaltyFree: e.RoyaltyFree),
            CnipaFiling = CnipaFiling.DueFor(e.Start),
            CreatedAt = clock.GetUtcNow(),
            Onboarding = plan.Mark,
        };
        var errors = new Dictionary<string, string[]>();
        foreach (var r in plan.Records)
        {
            try
            {
                if (r.Kind == OnboardingRecordKind.RoyaltyReport)
                {
                    await Record(state, new ReportRoyalties(r.Period!, r.Category!, r.Region!, r.Units!.Value), r.Date, plan.RateCards);
                    continue;
                }
                var invoiceId = Invoice.IdFor(this.GetPrimaryKeyString(), ReportingPeriod.Parse(r.Period!), r.Category!);
                var index = state.Invoices.FindIndex(i => i.Id == invoiceId);
                if (index < 0)
                    throw DomainException.NotFound("invoice_not_found", $"No earlier record reports {r.Period} '{r.Category}' on this licence.", "period");
                await Settle(state, index, new InvoicePayment(InvoicePayment.Offline, r.BankReference!, r.Amount!.Value, r.Date), r.Date, claim: !dryRun);
            }
            catch (DomainException refused)
            {
                errors.TryAdd(OnboardingRules.Field(r.Index, refused.Field == "paidOn" ? "date" : refused.Field), [$"{refused.Code}: {refused.Message}"]);
            }
        }
        // A refusal after postings were staged fails the call, and a failed call deactivates the grain (MarketCallFilter):
        // the staged postings go with the activation, unwritten.
        if (errors.Count > 0) throw OnboardingRules.Refused(errors, plan.Records.Count);
        var today = Today;
        if (dryRun) return [.. state.Invoices.Select(i => i.AsOf(today))];

        await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.LicenseeLicences(plan.LicenseeId)).Add(this.GetPrimaryKeyString());
        licence.State = state;
        await RemindCnipaDue();
        foreach (var invoice in state.Invoices.Where(i => i.Status == InvoiceStatus.Open)) await RemindInvoiceDue(invoice);
        await licence.WriteStateAsync();
        MarketMetrics.LicenceIssued(LicenceType.Pool);
        foreach (var invoice in state.Invoices)
        {
            MarketMetrics.RoyaltyInvoiceIssued(LicenceType.Pool);
            if (invoice.PaidOn is not null && invoice.Amount.Amount > 0) MarketMetrics.RoyaltyInvoicePaid(LicenceType.Pool);
        }
        return [.. state.Invoices.Select(i => i.AsOf(today))];
    }
}
