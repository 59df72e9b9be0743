namespace PatentNav.Market.Grains.Onboarding;

/// <summary>
/// One onboarding batch (admin only), keyed by its id (<c>obi_…</c>, derived from the admin and the request's idempotency
/// key): a pool's past records brought from an operating center's old system — rate cards, admissions, licences, royalty
/// reports and their invoices, payments — each through the same grains and rules as a live one, on its own day.
/// </summary>
public interface IOnboardingImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Imports the batch all or nothing: the batch-wide rules (<see cref="OnboardingRules"/>), then every record checked by
    /// its grain without writing (pool, patents, licences), then written. Any refusal is 422 <c>invalid_records</c> with
    /// errors keyed <c>records[i].field</c> and nothing is written; unknown pool 404 <c>pool_not_found</c>. The same batch
    /// again answers what it imported and imports nothing twice; another batch under the same id is 409 <c>onboarding_import_exists</c>.
    /// </summary>
    Task<OnboardingImportView> Import(OnboardingBatch batch);

    /// <summary>The batch, or null if none was imported under this id.</summary>
    Task<OnboardingImportView?> Get();
}
