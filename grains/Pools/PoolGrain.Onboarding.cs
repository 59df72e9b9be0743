using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Onboarding;

namespace PatentNav.Market.Grains.Pools;

/// <summary>Onboarding: the pool's own records of a past history (cards, admissions, enrolments), each on its day.</summary>
public sealed partial class PoolGrain
{
    public async Task<PoolOnboarding> Onboard(OnboardingMark mark, IReadOnlyList<OnboardingRecord> records, bool dryRun)
    {
        var state = RequireCreated();
        if (state.Onboardings.Any(m => m.BatchId == mark.BatchId)) // a retry
            return Onboarded(state, state.OnboardedLicences.GetValueOrDefault(mark.BatchId) ?? [], mark.BatchId, records);
        // Every record changes the state in memory, exactly as its live operation would; a refusal (or a dry run) puts it back.
        var (cards, patents) = (state.RateCards.ToList(), state.Patents.ToList());
        var licensees = new List<PoolLicensee>(); // this batch's enrolments: the licence grains write them, with their list rows
        var errors = new Dictionary<string, string[]>();
        foreach (var r in records)
        {
            try
            {
                switch (r.Kind)
                {
                    case OnboardingRecordKind.RateCard:
                        Publish(state, r.RateCard!, r.Date);
                        break;
                    case OnboardingRecordKind.Admission:
                        // The admin imports: no holder agreement is asked for (the admin admits without, docs/TENANCY.md).
                        await Admit(state, r.Number!, null, requireHolderAgreement: false, r.Date, dryRun);
                        break;
                    case OnboardingRecordKind.Licence:
                        var licenceId = OnboardingRules.LicenceId(mark.BatchId, r.Licence!);
                        // Ids derive from the batch and the record's reference: only the same reference twice in one batch collides.
                        if (licensees.Any(l => l.LicenceId == licenceId))
                            throw DomainException.Conflict("licence_exists", $"Licence {licenceId} is enrolled already.", "licence");
                        licensees.Add(await Enrol(state, licenceId, r.LicenseeId!, r.Date));
                        break;
                }
            }
            catch (DomainException refused)
            {
                errors.TryAdd(OnboardingRules.Field(r.Index, Rename(r.Kind, refused.Field)), [$"{refused.Code}: {refused.Message}"]);
            }
        }
        var result = errors.Count == 0 ? Onboarded(state, licensees, mark.BatchId, records) : null;
        if (errors.Count > 0 || dryRun) (state.RateCards, state.Patents) = (cards, patents);
        if (result is null) throw OnboardingRules.Refused(errors, records.Count);
        if (dryRun) return result;
        state.Onboardings.Add(mark);
        if (licensees.Count > 0) state.OnboardedLicences[mark.BatchId] = licensees;
        await pool.WriteStateAsync();
        return result;
    }

    private PoolOnboarding Onboarded(PoolState state, IReadOnlyList<PoolLicensee> enrolled, string batchId, IReadOnlyList<OnboardingRecord> records) =>
        new([.. state.RateCards], [.. records.Where(r => r.Kind == OnboardingRecordKind.Licence)
            .Select(r => enrolled.First(l => l.LicenceId == OnboardingRules.LicenceId(batchId, r.Licence!)))
            .Select(l => new PoolEnrolledLicence(l.LicenceId, l.LicenseeId, Enrolment(l)))]);

    /// <summary>A live refusal's field in the record's terms: a card's fields sit under <c>rateCard</c>, an enrolment's under the record.</summary>
    private static string? Rename(OnboardingRecordKind kind, string? field) => (kind, field) switch
    {
        (OnboardingRecordKind.RateCard, { } f) => "rateCard." + (f.EndsWith(".rate", StringComparison.Ordinal) ? f[..^".rate".Length] + ".ratePerUnit" : f),
        (OnboardingRecordKind.Licence, "start") => "date",
        (_, "essentialityOpinion") => "number",
        _ => field,
    };
}
