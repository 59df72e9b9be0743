
namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// A licence (§4, §5), keyed by its id (<c>lic_…</c>): a pool package licence or a bilateral one,
/// with its CNIPA filing, royalty reports and the invoices they produce.
/// </summary>
public interface ILicenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Acquires a pool licence as a willing licensee: the pool enrols the licensee (a refusal is 409
    /// with the recorded reason's code) and the licence locks the rate card in force on its start.
    /// It is non-exclusive and covers the pool's patents. A retry that took its idempotency key over after a
    /// crash (attempt &gt; 1; the id derives from the key) answers the licence it created; otherwise a taken id is 409 <c>licence_exists</c>.
    /// </summary>
    Task<LicenceView> CreatePool(CreatePoolLicence command);

    /// <summary>
    /// Grants a bilateral licence: the licensor must own every patent (422 <c>not_owner</c>); each patent
    /// records the licence after the §4 conflict rules (409 <c>licence_conflict</c> naming the colliding
    /// licence or pool) and, when pledged, the pledgee's consent (409 <c>pledgee_consent_required</c>).
    /// An exclusive licence of a co-owned patent is refused (422 <c>co_owner_consent_required</c>, §3).
    /// </summary>
    Task<LicenceView> CreateBilateral(CreateBilateralLicence command);

    /// <summary>The licence, or null if it was never created.</summary>
    Task<LicenceView?> Get();

    /// <summary>
    /// Records a royalty report and issues its invoice. Past and current quarters are accepted, a future
    /// one is 422 <c>period_in_future</c>; one report per period and category (409 <c>report_exists</c>).
    /// Pool licences are priced by the pool's most-favoured terms for the locked card, with tiers and caps
    /// counted through the licence year; bilateral ones at their fixed per-unit rate.
    /// </summary>
    Task<Invoice> ReportRoyalties(ReportRoyalties report);

    /// <summary>
    /// Records many reports at once (a CSV file), all or nothing: each row as <see cref="ReportRoyalties"/> would, in
    /// order, and one state write for all. Any refused row refuses the whole file (422 <c>invalid_rows</c>, errors keyed
    /// <c>rows[i].field</c>, each message starting with the rule's code) and nothing is recorded.
    /// </summary>
    Task<IReadOnlyList<Invoice>> ImportRoyaltyReports(IReadOnlyList<ReportRoyalties> rows);

    /// <summary>
    /// Creates a pool licence with its past (an onboarding batch, admin): the enrolment the pool made, then each report and
    /// payment on its own day, by the same rules and pricing as <see cref="ReportRoyalties"/> and <see cref="PayInvoice"/>
    /// (the rate card as on that day, compliance as on that day, postings dated the day the money came). One state write with
    /// every posting, or nothing: any refusal is 422 <c>invalid_records</c> keyed <c>records[i].field</c>.
    /// <paramref name="dryRun"/>: the checks only (bank references are checked, not claimed). The same batch again answers its invoices.
    /// </summary>
    Task<IReadOnlyList<Invoice>> Onboard(Onboarding.LicenceOnboarding plan, bool dryRun);

    /// <summary>Every invoice, oldest first, with its status as of today.</summary>
    Task<IReadOnlyList<Invoice>> Invoices();

    /// <summary>Records the CNIPA filing (an operator's act); recording the same filing again is a no-op.</summary>
    Task<LicenceView> RecordCnipaFiling(string filingNumber, DateOnly filedOn);

    /// <summary>
    /// Settles an open or overdue invoice and books the money: from the provider's clearing account into the
    /// pool's collections for the invoice's period (pool licences) or the licensor's payable (bilateral).
    /// Unknown invoice 404 <c>invoice_not_found</c>; paid already 409 <c>invoice_already_paid</c>, unless by
    /// this very payment, which returns the invoice unchanged; a different amount or currency 422
    /// <c>amount_mismatch</c> (<c>amount</c>); a provider reference used for anything else 409
    /// <c>bank_reference_used</c> (<c>bankReference</c>).
    /// </summary>
    Task<Invoice> PayInvoice(string invoiceId, InvoicePayment payment);

    /// <summary>
    /// The licensor side gives notice of a breach with a cure period (30–180 days, 400 <c>invalid_cure_period</c>).
    /// One uncured notice at a time (409 <c>breach_notice_open</c>); the same notice again the same day is a no-op.
    /// </summary>
    Task<LicenceView> GiveBreachNotice(string reason, int cureDays);

    /// <summary>Records a notice's breach as cured (404 <c>breach_notice_not_found</c>); a licence suspended for it is active again.</summary>
    Task<LicenceView> CureBreach(string noticeId);

    /// <summary>Suspends for a breach uncured after its cure period (422 <c>no_breach_notice</c>, <c>cure_period_running</c>).</summary>
    Task<LicenceView> Suspend();

    /// <summary>
    /// Terminates for a breach uncured after its cure period (same refusals as <see cref="Suspend"/>); the licence
    /// covers today and no later day. Terminating a terminated licence returns it unchanged.
    /// </summary>
    Task<LicenceView> Terminate();

    /// <summary>The licensee gives the licence up from the end of today. Invoices stay payable; earlier periods stay reportable.</summary>
    Task<LicenceView> Surrender();

    /// <summary>
    /// Reverses a mistaken offline payment (§9): a reversing posting takes the money back from where the payment booked it
    /// to <c>clearing:offline</c>, the invoice reopens with the reversal on record, and the bank reference is freed for the
    /// invoice it was really for. Nothing is deleted. 404 <c>invoice_not_found</c>; 409 as <see cref="PaymentReversals.RequireReversible"/>.
    /// </summary>
    Task<Invoice> ReversePayment(string invoiceId, string reason);
}
