using System.ComponentModel.DataAnnotations;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/pools/{id}/onboarding-imports</c>: a pool's past records, in the order they happened.</summary>
public sealed record OnboardingImportRequest([Required] IReadOnlyList<OnboardingRecordBody>? Records);

/// <summary>
/// One past record. <c>kind</c>: <c>rate_card</c> (<c>rateCard</c>, published on <c>date</c>), <c>admission</c>
/// (<c>number</c>, admitted on <c>date</c>), <c>licence</c> (<c>licence</c>: its name in this batch, <c>licenseeId</c>;
/// starts on <c>date</c>), <c>royalty_report</c> (<c>licence</c>, <c>period</c>, <c>category</c>, <c>region</c>,
/// <c>units</c>; filed on <c>date</c>), <c>payment</c> (<c>licence</c>, <c>period</c>, <c>category</c> of the invoice,
/// <c>bankReference</c>, <c>amount</c>; received on <c>date</c>). A report or payment may name an existing licence of the
/// pool by <c>licenceId</c> instead of <c>licence</c> (one an earlier batch imported).
/// </summary>
public sealed record OnboardingRecordBody(
    [Required] string? Kind, [Required] DateOnly? Date, RateCardBody? RateCard = null, string? Number = null, string? Licence = null,
    string? LicenseeId = null, string? Period = null, string? Category = null, string? Region = null, long? Units = null,
    string? BankReference = null, MoneyRequest? Amount = null, string? LicenceId = null);

/// <summary>A journal row a batch wrote: which state, its version, the grain method, the caller and when.</summary>
public sealed record OnboardingJournalEntry(string State, string Key, long Version, string Operation, string? Caller, DateTimeOffset RecordedAt);

/// <summary>
/// A batch as <c>GET /api/v1/onboarding-imports/{id}</c> shows it: who imported it and when, the counts of each kind, what it
/// created and moved, and the journal rows it wrote (the pool's, each licence's and the batch's own).
/// </summary>
public sealed record OnboardingImportResponse(
    string Id, string PoolId, string ImportedBy, DateTimeOffset ImportedAt, int Records,
    IReadOnlyList<Grains.Onboarding.OnboardingKindCount> Counts, DateOnly FirstDate, DateOnly LastDate,
    IReadOnlyList<Grains.Onboarding.OnboardedLicence> Licences, IReadOnlyList<string> InvoiceIds, IReadOnlyList<string> PostingIds,
    Grains.Common.Money? Invoiced, Grains.Common.Money? Collected, IReadOnlyList<OnboardingJournalEntry> Journal);
