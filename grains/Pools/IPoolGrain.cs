using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>A patent pool (专利池), keyed by its id (<c>pool_…</c>).</summary>
public interface IPoolGrain : IGrainWithStringKey
{
    /// <summary>Creates the pool; the administrator must be an operating-center party.</summary>
    Task<PoolView> Create(PoolCharter charter);

    /// <summary>The pool, or null if it was never created.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<PoolView?> Get();

    Task<PoolView> AddMember(string partyId);

    /// <summary>Cites published navigation reports that inform the pool (422 <c>unknown_report</c>); ids cited already are kept once.</summary>
    Task<PoolView> CiteReports(IReadOnlyList<string> reportIds);

    /// <summary>
    /// A transfer's buyer accedes (§7): it becomes a member, and the pool's record of <paramref name="number"/> names it as
    /// the holder from <paramref name="since"/> (the CNIPA recordation date). Idempotent.
    /// </summary>
    Task<PoolView> Accede(string number, string buyerId, DateOnly since);

    /// <summary>
    /// Admits a patent (§5 admission rules; the patent grain checks its own side). With
    /// <paramref name="requireHolderAgreement"/> (an administrator's admission) a holder must have agreed first
    /// (<see cref="AgreeToAdmission"/>, else 422 <c>holder_agreement_required</c>); the admin admits without.
    /// </summary>
    Task<PoolPatent> AdmitPatent(string number, EssentialityOpinion? opinion, bool requireHolderAgreement);

    /// <summary>A holder (an owner of the patent) agrees to its admission; agreeing again returns the first agreement.</summary>
    Task<HolderAgreement> AgreeToAdmission(string number, string holderId);

    /// <summary>Withdraws a patent at the end of the current distribution period; existing licences keep covering it until their term ends.</summary>
    Task<PoolPatent> WithdrawPatent(string number);

    /// <summary>Publishes the next rate-card version (immutable, effective date not in the past, increase guard).</summary>
    Task<RateCard> PublishRateCard(RateCard card);

    /// <summary>Records or lifts an objective refusal reason against a party.</summary>
    Task<Refusal> RecordRefusal(string partyId, RefusalReason reason, string? note);

    Task LiftRefusal(string partyId, RefusalReason reason);

    /// <summary>
    /// Willing licensee: the enrolment of any registered party accepting the standard terms unless a recorded
    /// refusal applies (409 with that reason's code). Locks the card in force on <paramref name="start"/>.
    /// Asking again for the same licence returns the same enrolment. Stores nothing: the licence grain keeps it, with its
    /// row of the public licensee list (<see cref="IPoolLicenseeRows"/>); read-only, so concurrent purchases of one pool
    /// interleave while each waits for its party check.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<PoolEnrolment> EnrolLicensee(string licenceId, string licenseeId, DateOnly start);

    /// <summary>The terms a licence that locked <paramref name="lockedVersion"/> pays on <paramref name="day"/>: per rate and cap the lower of the locked card and the card in force (most-favoured licensee).</summary>
    Task<RateCard> TermsFor(int lockedVersion, DateOnly day);

    /// <summary>
    /// The pool's part of an onboarding batch (admin): its rate-card, admission and licence records, in order, each on its
    /// own day by the live rules (a card published that day, an admission that day, an enrolment starting that day). Any
    /// refusal refuses all (422 <c>invalid_records</c>, errors keyed <c>records[i].field</c>) and nothing is written.
    /// <paramref name="dryRun"/>: the checks only. A batch applied already answers what it left, unchanged.
    /// </summary>
    Task<Onboarding.PoolOnboarding> Onboard(Onboarding.OnboardingMark mark, IReadOnlyList<Onboarding.OnboardingRecord> records, bool dryRun);

    /// <summary>
    /// The price of <paramref name="units"/> in a fresh licence year under the card in force today
    /// (<see cref="RoyaltyCalculator.Quote"/>): a function of card version, category, region, units and
    /// compliance state only. 422 <c>no_rate_card_in_force</c> before the first card takes effect.
    /// </summary>
    Task<PoolQuote> Quote(string category, string region, long units, bool compliant);
}

/// <summary>A quote and every input that determined it (§5 non-discrimination).</summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolQuote(string PoolId, int RateCardVersion, DateOnly EffectiveFrom, string Category, string Region,
    long Units, bool Compliant, Money Amount);

/// <summary>An essentiality opinion on a patent for the pool's standard.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EssentialityOpinion(bool Positive, string? AppraiserId, string? ReportRef);
