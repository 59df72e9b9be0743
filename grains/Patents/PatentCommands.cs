using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Patents;

/// <summary>Registers a patent in the catalogue. <c>Type</c> may be omitted for Chinese numbers (it is in the number).</summary>
[GenerateSerializer]
public sealed record RegisterPatent(
    string Title,
    string Abstract,
    PatentType? Type,
    IReadOnlyList<string> Ipc,
    DateOnly FilingDate,
    DateOnly? GrantDate,
    LegalStatus Status,
    IReadOnlyList<string> OwnerIds);

/// <summary>
/// Bibliographic corrections; null fields stay as they are. New <c>OwnerIds</c> take effect on
/// <c>OwnersEffectiveOn</c> (today when null; not in the future, not before the last recorded change).
/// </summary>
[GenerateSerializer]
public sealed record UpdatePatent(
    string? Title,
    string? Abstract,
    IReadOnlyList<string>? Ipc,
    DateOnly? GrantDate,
    LegalStatus? Status,
    IReadOnlyList<string>? OwnerIds,
    DateOnly? OwnersEffectiveOn = null);

[GenerateSerializer]
[Immutable]
public sealed record AddValuation(
    Money Value,
    ValuationMethod Method,
    string? AppraiserId,
    DateOnly EffectiveDate,
    string? ReportRef,
    ValuationScores? Scores);

/// <summary>What callers see of a patent.</summary>
[GenerateSerializer]
public sealed record PatentView(
    string Number,
    string Title,
    string Abstract,
    PatentType Type,
    IReadOnlyList<string> Ipc,
    DateOnly FilingDate,
    DateOnly? GrantDate,
    LegalStatus Status,
    DateOnly ExpiresOn,
    IReadOnlyList<string> OwnerIds,
    Valuation? CurrentValuation,
    IReadOnlyList<Valuation> Valuations,
    IReadOnlyList<LicenceGrant> Licences,
    IReadOnlyList<PoolMembership> Pools,
    string? PledgeeId,
    long Version,
    IReadOnlyList<OwnershipPeriod>? OwnerHistory = null,
    IReadOnlyList<CoOwnerConsent>? CoOwnerConsents = null, EndOfForce? EndOfForce = null);
