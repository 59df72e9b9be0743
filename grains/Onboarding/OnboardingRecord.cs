using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Onboarding;

/// <summary>What an onboarded record is, in the order a pool's history happens: cards, admissions, licences, reports, payments.</summary>
[GenerateSerializer]
public enum OnboardingRecordKind
{
    /// <summary>A rate-card version, published on the record's date (its <c>effectiveFrom</c> on or after it).</summary>
    RateCard,
    /// <summary>A member's patent admitted into the pool on the record's date.</summary>
    Admission,
    /// <summary>A willing licensee's pool licence starting on the record's date; named within the batch by <c>licence</c>.</summary>
    Licence,
    /// <summary>A royalty report filed on the record's date; its invoice is priced by the card as on that day.</summary>
    RoyaltyReport,
    /// <summary>Money received on the record's date for the invoice of (licence, period, category).</summary>
    Payment,
}

/// <summary>
/// One record of an onboarding batch as the gateway read it: its place in the batch (<see cref="Index"/>, for
/// <c>records[i].field</c> errors), its kind, the day it happened, and the fields its kind uses. A report or payment names
/// its licence by <see cref="Licence"/> (created by an earlier record of the batch) or <see cref="LicenceId"/> (an existing
/// licence of the pool, e.g. one an earlier batch imported).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record OnboardingRecord(
    int Index, OnboardingRecordKind Kind, DateOnly Date,
    RateCard? RateCard = null, string? Number = null, string? Licence = null, string? LicenseeId = null,
    string? Period = null, string? Category = null, string? Region = null, long? Units = null,
    string? BankReference = null, Money? Amount = null, string? LicenceId = null);

/// <summary>A batch as submitted: the pool and its records, in date order.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OnboardingBatch(string PoolId, IReadOnlyList<OnboardingRecord> Records);

/// <summary>Who imported what, and when: kept on every state an onboarding batch wrote (and so in its journal row).</summary>
[GenerateSerializer]
[Immutable]
public sealed record OnboardingMark(string BatchId, string ImportedBy, DateTimeOffset ImportedAt);

/// <summary>A licence a batch created: its name in the batch, its id and licensee.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OnboardedLicence(string Ref, string LicenceId, string LicenseeId, DateOnly Start);

/// <summary>What the pool's part of a batch leaves: every card (to price the batch's reports) and the batch's enrolments.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolOnboarding(IReadOnlyList<RateCard> RateCards, IReadOnlyList<PoolEnrolledLicence> Enrolments);

[GenerateSerializer]
[Immutable]
public sealed record PoolEnrolledLicence(string LicenceId, string LicenseeId, PoolEnrolment Enrolment);

/// <summary>
/// One licence's part of a batch: the cards to price with and its reports and payments in order. A licence the batch creates
/// comes with its enrolment and parties; an existing licence of the pool (named by <c>licenceId</c>) with none.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record LicenceOnboarding(
    OnboardingMark Mark, string PoolId, IReadOnlyList<RateCard> RateCards, IReadOnlyList<OnboardingRecord> Records,
    PoolEnrolment? Enrolment = null, string? AdministratorId = null, string? LicenseeId = null);
