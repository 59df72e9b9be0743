using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/pools</c>; the last four fields have defaults (royalty_free, false, quarterly, 2000).</summary>
public sealed record CreatePoolRequest(
    string? Name,
    string? AdministratorId,
    string? Currency,
    IReadOnlyList<string>? ProductCategories,
    int? AdminFeeBps,
    MemberTerms? MemberTerms,
    bool? EssentialityReviewRequired,
    DistributionPeriod? DistributionPeriod,
    int? MaxIncreaseBps);

/// <summary>Body of <c>POST /api/v1/pools/{id}/members</c>.</summary>
public sealed record AddPoolMemberRequest(string? PartyId);

/// <summary>Body of <c>POST /api/v1/pools/{id}/patents</c>.</summary>
public sealed record AdmitPatentRequest(string? Number, EssentialityOpinionRequest? EssentialityOpinion);

public sealed record EssentialityOpinionRequest(bool? Positive, string? AppraiserId, string? ReportRef);

/// <summary>Body of <c>POST /api/v1/pools/{id}/refusals</c>: an objective reason only (§5).</summary>
public sealed record RecordRefusalRequest(string? PartyId, RefusalReason? Reason, string? Note);

/// <summary>
/// A rate card on the wire, in and out. Money fields are integer minor units of <c>currency</c>;
/// <c>ratePerUnit</c> is a decimal string of minor units per unit with at most four decimals
/// (<c>"20"</c> = 0.20 USD, <c>"0.0125"</c> = 0.000125 USD). <c>version</c> is the next version number
/// (1 for the first card): a retried or concurrent publish of the same version is 409 <c>version_conflict</c>.
/// </summary>
public sealed record RateCardBody(
    int? Version,
    string? Currency,
    DateOnly? EffectiveFrom,
    IReadOnlyList<CategoryRatesBody>? Categories,
    long? EnterpriseCap,
    long? DeMinimis,
    IReadOnlyList<RegionMultiplierBody>? RegionMultipliers,
    int? ComplianceDiscountBps);

public sealed record CategoryRatesBody(string? Code, IReadOnlyList<TierBody>? Tiers, long? AnnualCap);

/// <summary>A marginal tier: units up to and including <c>upTo</c> (null on the last, open-ended tier).</summary>
public sealed record TierBody(long? UpTo, string? RatePerUnit);

public sealed record RegionMultiplierBody(string? Region, int? Bps);

/// <summary>What anyone may see of a pool (§5 transparency): patents listed are those still in the pool.</summary>
public sealed record PoolResponse(
    string Id,
    PoolCharter Charter,
    IReadOnlyList<PoolMember> Members,
    IReadOnlyList<PoolPatent> Patents,
    IReadOnlyList<RateCardBody> RateCards,
    IReadOnlyList<PoolLicensee> Licensees,
    DateTimeOffset CreatedAt);

public sealed record PoolListResponse(IReadOnlyList<PoolListing> Items);

/// <summary>Every published version, oldest first, and the one in force today (null before the first takes effect).</summary>
public sealed record RateCardListResponse(string PoolId, string Currency, int? InForceVersion, IReadOnlyList<RateCardBody> Items);
