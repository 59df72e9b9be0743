using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Onboarding;

/// <summary>
/// Runs a batch in two passes over the same grain methods: a dry run that checks every record by the live rules (the pool's
/// cards, admissions and enrolments first, since the reports are priced by those cards), then the writes in the same order.
/// Each write is idempotent for the batch (ids derive from it, each grain keeps the batch's mark), so a retry after a crash
/// between writes finishes the batch and changes nothing that was written.
/// </summary>
public sealed class OnboardingImportGrain([PersistentState("onboarding-import", MarketStorage.Name)] IPersistentState<OnboardingImportState> batch, MarketClock clock)
    : Grain, IOnboardingImportGrain
{
    private static readonly OnboardingRecordKind[] PoolKinds = [OnboardingRecordKind.RateCard, OnboardingRecordKind.Admission, OnboardingRecordKind.Licence];

    public async Task<OnboardingImportView> Import(OnboardingBatch request)
    {
        if (batch.State.Exists)
            return batch.State.PoolId == request.PoolId && batch.State.Records == request.Records.Count
                ? View()
                : throw DomainException.Conflict("onboarding_import_exists", $"Onboarding import {this.GetPrimaryKeyString()} imported another batch.");
        var records = request.Records;
        OnboardingRules.Check(records, clock.Today);
        var pool = GrainFactory.GetGrain<IPoolGrain>(request.PoolId);
        var charter = (await pool.Get())?.Charter ?? throw DomainException.NotFound("pool_not_found", $"Pool {request.PoolId} does not exist.");
        var mark = new OnboardingMark(this.GetPrimaryKeyString(), CallerContext.Current ?? "admin", clock.GetUtcNow());
        List<OnboardingRecord> poolRecords = [.. records.Where(r => PoolKinds.Contains(r.Kind))];

        // Pass 1: the checks. The pool's refusals come alone (the licences cannot be priced without its cards).
        var checkedPool = await pool.Onboard(mark, poolRecords, dryRun: true);
        var errors = new Dictionary<string, string[]>();
        foreach (var plan in Plans(mark, request.PoolId, charter.AdministratorId, checkedPool, records))
        {
            try
            {
                await GrainFactory.GetGrain<ILicenceGrain>(plan.LicenceId).Onboard(plan.Onboarding, dryRun: true);
            }
            catch (DomainException refused) when (refused.Errors is { } found)
            {
                foreach (var (field, messages) in found) errors[field] = messages;
            }
        }
        if (errors.Count > 0) throw OnboardingRules.Refused(errors, records.Count);

        // Pass 2: the writes, in the same order.
        var applied = await pool.Onboard(mark, poolRecords, dryRun: false);
        var invoices = new List<Invoice>();
        foreach (var plan in Plans(mark, request.PoolId, charter.AdministratorId, applied, records))
            invoices.AddRange(await GrainFactory.GetGrain<ILicenceGrain>(plan.LicenceId).Onboard(plan.Onboarding, dryRun: false));

        // What the batch's own records did: the invoices its reports issued and those its payments settled.
        string InvoiceOf(OnboardingRecord r) => Invoice.IdFor(LicenceOf(mark, r), ReportingPeriod.Parse(r.Period!), r.Category!);
        var reported = records.Where(r => r.Kind == OnboardingRecordKind.RoyaltyReport).Select(InvoiceOf).ToHashSet();
        var settled = records.Where(r => r.Kind == OnboardingRecordKind.Payment).Select(InvoiceOf).ToHashSet();
        var issued = invoices.Where(i => reported.Contains(i.Id)).ToList();
        var paid = invoices.Where(i => settled.Contains(i.Id) && i.Amount.Amount > 0).ToList();
        batch.State = new OnboardingImportState
        {
            PoolId = request.PoolId,
            Mark = mark,
            Records = records.Count,
            Counts = [.. records.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => new OnboardingKindCount(g.Key, g.Count()))],
            FirstDate = records[0].Date,
            LastDate = records[^1].Date,
            Licences = [.. applied.Enrolments.Select(e => new OnboardedLicence(
                records.First(r => r.Kind == OnboardingRecordKind.Licence && OnboardingRules.LicenceId(mark.BatchId, r.Licence!) == e.LicenceId).Licence!,
                e.LicenceId, e.LicenseeId, e.Enrolment.Start))],
            InvoiceIds = [.. issued.Select(i => i.Id)],
            PostingIds = [.. paid.Select(PaymentReversals.PaymentPostingId)],
            Invoiced = new Money(issued.Sum(i => i.Amount.Amount), charter.Currency),
            Collected = new Money(paid.Sum(i => i.Amount.Amount), charter.Currency),
        };
        await batch.WriteStateAsync();
        return View();
    }

    public Task<OnboardingImportView?> Get() => Task.FromResult(batch.State.Exists ? View() : null);

    /// <summary>The licence a report or payment names: one the batch creates (by its name) or an existing one (by id).</summary>
    private static string LicenceOf(OnboardingMark mark, OnboardingRecord r) => r.LicenceId ?? OnboardingRules.LicenceId(mark.BatchId, r.Licence!);

    /// <summary>Each licence the batch touches with its own reports and payments, in batch order: the new ones first, then existing ones.</summary>
    private static IEnumerable<(string LicenceId, LicenceOnboarding Onboarding)> Plans(
        OnboardingMark mark, string poolId, string administratorId, PoolOnboarding pool, IReadOnlyList<OnboardingRecord> records)
    {
        List<OnboardingRecord> Own(string licenceId) =>
            [.. records.Where(r => r.Kind is OnboardingRecordKind.RoyaltyReport or OnboardingRecordKind.Payment && LicenceOf(mark, r) == licenceId)];
        foreach (var e in pool.Enrolments)
            yield return (e.LicenceId, new LicenceOnboarding(mark, poolId, pool.RateCards, Own(e.LicenceId), e.Enrolment, administratorId, e.LicenseeId));
        foreach (var existing in records.Where(r => r.LicenceId is not null).Select(r => r.LicenceId!).Distinct())
            yield return (existing, new LicenceOnboarding(mark, poolId, pool.RateCards, Own(existing)));
    }

    private OnboardingImportView View()
    {
        var s = batch.State;
        return new OnboardingImportView(this.GetPrimaryKeyString(), s.PoolId, s.Mark!.ImportedBy, s.Mark.ImportedAt, s.Records, [.. s.Counts],
            s.FirstDate, s.LastDate, [.. s.Licences], [.. s.InvoiceIds], [.. s.PostingIds], s.Invoiced, s.Collected);
    }
}
