using System.ComponentModel.DataAnnotations;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/pools/{id}/onboarding-imports</c>: a pool's past records, in the order they happened.</summary>
public sealed record OnboardingImportRequest([Required] IReadOnlyList<OnboardingRecordBody>? Records);

/// <summary>
/// One past record. <c>kind</c>: <c>rate_card</c> (<c>rateCard</c>, published on <c>date</c>), <c>admission</c>
/// (<c>number</c>, admitted on <c>date</c>), <c>licence</c> (<c>licence</c>: its name in this batch, <c>licenseeId</c>;
/// starts on <c>date</c>), <c>royalty_report</c> (<c>licence</c>, <c>period</c>, <c>category</c>, <c>region</c>,
/// <c>units</c>; filed on <c>date</c>), <c>payment</c> (<c>licence</c>, <c>period</c>, <c>category</c> of the invoice,
/// <c>bankReference</c>, <c>amount</c>; received on <c>date</c>).
/// </summary>
public sealed record OnboardingRecordBody(
    [Required] string? Kind, [Required] DateOnly? Date, RateCardBody? RateCard = null, string? Number = null, string? Licence = null,
    string? LicenseeId = null, string? Period = null, string? Category = null, string? Region = null, long? Units = null,
    string? BankReference = null, MoneyRequest? Amount = null);
