using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Onboarding;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Onboarding: a pool licence's past reports, invoices and payments, each on its own day; the licence itself when new.</summary>
public sealed partial class LicenceGrain
{
    public async Task<IReadOnlyList<Invoice>> Onboard(LicenceOnboarding plan, bool dryRun)
    {
        var current = licence.State;
        if (current.Exists && current.Onboardings.Any(m => m.BatchId == plan.Mark.BatchId))
            return Touched(current, plan); // a retry of a batch that was written
        LicenceState state;
        if (plan.Enrolment is { } e)
        {
            if (current.Exists) throw DomainException.Conflict("licence_exists", $"Licence {this.GetPrimaryKeyString()} already exists.");
            // The state CreatePool would make from the same enrolment, built aside: the grain's state is set only when all passed.
            state = new LicenceState
            {
                Type = LicenceType.Pool,
                Kind = LicenceKind.NonExclusive,
                LicensorIds = [plan.AdministratorId!],
                LicenseeId = plan.LicenseeId!,
                Scope = LicenceScope.Everything(e.Start),
                Terms = new LicenceTerms(e.Currency, PoolId: e.PoolId, RateCardVersion: e.LockedRateCardVersion, RoyaltyFree: e.RoyaltyFree),
                CnipaFiling = CnipaFiling.DueFor(e.Start),
                CreatedAt = clock.GetUtcNow(),
            };
        }
        else if (!current.Exists || current.Type != LicenceType.Pool || current.Terms.PoolId != plan.PoolId)
            throw OnboardingRules.Refused(plan.Records.Select(r => r.Index).Distinct().ToDictionary(
                i => OnboardingRules.Field(i, "licenceId"), _ => new[] { $"licence_not_found: {this.GetPrimaryKeyString()} is no licence of pool {plan.PoolId}." }), plan.Records.Count);
        else state = current;

        // An existing licence changes in place, as a live report or payment would; a refusal (or a dry run) puts it back.
        var (invoices, years) = (state.Invoices.ToList(), state.Years.ToList());
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
                    throw DomainException.NotFound("invoice_not_found", $"The licence has no invoice for {r.Period} '{r.Category}'.", "period");
                await Settle(state, index, new InvoicePayment(InvoicePayment.Offline, r.BankReference!, r.Amount!.Value, r.Date), r.Date, claim: !dryRun);
            }
            catch (DomainException refused)
            {
                errors.TryAdd(OnboardingRules.Field(r.Index, refused.Field == "paidOn" ? "date" : refused.Field), [$"{refused.Code}: {refused.Message}"]);
            }
        }
        var touched = Touched(state, plan);
        if (errors.Count > 0 || dryRun) (state.Invoices, state.Years) = (invoices, years);
        // A refusal after postings were staged fails the call, and a failed call deactivates the grain (MarketCallFilter):
        // the staged postings go with the activation, unwritten.
        if (errors.Count > 0) throw OnboardingRules.Refused(errors, plan.Records.Count);
        if (dryRun) return touched;

        if (plan.Enrolment is not null)
            await GrainFactory.GetGrain<Indexes.IIndexGrain>(Indexes.IndexKeys.LicenseeLicences(plan.LicenseeId!)).Add(this.GetPrimaryKeyString());
        state.Onboardings.Add(plan.Mark);
        licence.State = state;
        if (plan.Enrolment is { } enrolled)
        {
            await RemindCnipaDue();
            poolRows.Stage(enrolled.PoolId, enrolled.Row(this.GetPrimaryKeyString(), plan.LicenseeId!));
        }
        foreach (var invoice in touched.Where(i => i.Status is InvoiceStatus.Open or InvoiceStatus.Overdue)) await RemindInvoiceDue(invoice);
        await licence.WriteStateAsync();
        if (plan.Enrolment is not null) MarketMetrics.LicenceIssued(LicenceType.Pool);
        foreach (var r in plan.Records)
            if (r.Kind == OnboardingRecordKind.RoyaltyReport) MarketMetrics.RoyaltyInvoiceIssued(LicenceType.Pool);
            else MarketMetrics.RoyaltyInvoicePaid(LicenceType.Pool);
        return touched;
    }

    /// <summary>The invoices the plan's records reported or paid, as they stand today, in the order first named.</summary>
    private IReadOnlyList<Invoice> Touched(LicenceState state, LicenceOnboarding plan)
    {
        var today = Today;
        var ids = plan.Records.Select(r => Invoice.IdFor(this.GetPrimaryKeyString(), ReportingPeriod.Parse(r.Period!), r.Category!)).Distinct();
        return [.. ids.Select(id => state.Invoices.FirstOrDefault(i => i.Id == id)).OfType<Invoice>().Select(i => i.AsOf(today))];
    }
}
