using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/pools</c>; the last four fields have defaults (royalty_free, false, quarterly, 2000).</summary>
public sealed record CreatePoolRequest(
    [Required] string? Name,
    [Required] string? AdministratorId,
    [Required] string? Currency,
    [Required] IReadOnlyList<string>? ProductCategories,
    [Required] int? AdminFeeBps,
    MemberTerms? MemberTerms,
    bool? EssentialityReviewRequired,
    DistributionPeriod? DistributionPeriod,
    int? MaxIncreaseBps);

/// <summary>Body of <c>POST /api/v1/pools/{id}/members</c>.</summary>
public sealed record AddPoolMemberRequest([Required] string? PartyId);

/// <summary>Body of <c>POST /api/v1/pools/{id}/patents</c>.</summary>
public sealed record AdmitPatentRequest([Required] string? Number, EssentialityOpinionRequest? EssentialityOpinion);

public sealed record EssentialityOpinionRequest([Required] bool? Positive, string? AppraiserId, string? ReportRef);

/// <summary>Body of <c>POST /api/v1/pools/{id}/refusals</c>: an objective reason only (§5).</summary>
public sealed record RecordRefusalRequest([Required] string? PartyId, [Required] RefusalReason? Reason, string? Note);

/// <summary>
/// A rate card on the wire, in and out. Money fields are integer minor units of <c>currency</c>;
/// <c>ratePerUnit</c> is a decimal string of minor units per unit with at most four decimals
/// (<c>"20"</c> = 0.20 USD, <c>"0.0125"</c> = 0.000125 USD). <c>version</c> is the next version number
/// (1 for the first card): a retried or concurrent publish of the same version is 409 <c>version_conflict</c>.
/// </summary>
public sealed record RateCardBody(
    [Required] int? Version,
    [Required] string? Currency,
    [Required] DateOnly? EffectiveFrom,
    [Required] IReadOnlyList<CategoryRatesBody>? Categories,
    long? EnterpriseCap,
    long? DeMinimis,
    IReadOnlyList<RegionMultiplierBody>? RegionMultipliers,
    int? ComplianceDiscountBps);

public sealed record CategoryRatesBody([Required] string? Code, [Required] IReadOnlyList<TierBody>? Tiers, long? AnnualCap);

/// <summary>A marginal tier: units up to and including <c>upTo</c> (null on the last, open-ended tier).</summary>
public sealed record TierBody(long? UpTo, [Required] string? RatePerUnit);

public sealed record RegionMultiplierBody([Required] string? Region, [Required] int? Bps);

/// <summary>What anyone may see of a pool (§5 transparency): patents listed are those still in the pool.</summary>
/// <param name="Licensees">The first 100 current licensees, oldest first.</param>
/// <param name="LicenseesNextCursor">The rest: <c>GET /api/v1/pools/{id}/licensees?cursor=</c>; null when <c>licensees</c> is all of them.</param>
public sealed record PoolResponse(
    string Id,
    PoolCharter Charter,
    IReadOnlyList<PoolMember> Members,
    IReadOnlyList<PoolPatent> Patents,
    IReadOnlyList<RateCardBody> RateCards,
    IReadOnlyList<PoolLicensee> Licensees,
    DateTimeOffset CreatedAt,
    string? LicenseesNextCursor,
    IReadOnlyList<string> ReportIds);

/// <summary>A page of a pool's current licensees, oldest enrolment first.</summary>
/// <param name="NextCursor">Fetches the next page; null on the last.</param>
public sealed record PoolLicenseeListResponse(string PoolId, IReadOnlyList<PoolLicensee> Items, string? NextCursor);

public sealed record PoolListResponse(IReadOnlyList<PoolListing> Items);

/// <summary>Every published version, oldest first, and the one in force today (null before the first takes effect).</summary>
public sealed record RateCardListResponse(string PoolId, string Currency, int? InForceVersion, IReadOnlyList<RateCardBody> Items);
