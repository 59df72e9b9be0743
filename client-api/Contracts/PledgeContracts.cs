using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>A financier product's terms as sent; omitted caps/grace/buffer/cure take the §8 defaults.</summary>
public sealed record PledgeProductRequest(string? Name, int? AnnualRateBps, int? TermMonths, RepaymentKind? Schedule,
    LtvCaps? LtvCaps, int? GraceDays, int? MarginBufferBps, int? CurePeriodDays);

/// <summary>Body of <c>POST /api/v1/pledges</c>; <c>riskSharing</c> defaults to the Guangzhou 2025 scheme.</summary>
public sealed record PledgeApplicationRequest(string? PledgorId, string? FinancierId, string[]? Patents, MoneyRequest? Principal,
    PledgeProductRequest? Product, RiskSharingAgreement? RiskSharing);

public sealed record PledgeRegistrationRequest(string? RegistrationNumber);

public sealed record PledgeRepaymentRequest(MoneyRequest? Amount);

public sealed record PledgeRenewalRequest(DateOnly? NewMaturity);

/// <summary>
/// <c>method</c>: <c>conversion</c> with <c>amount</c>; <c>sale</c> with buyer, price and center; <c>auction</c> with the winning
/// bidder as buyer, the hammer price as price, the center, and <c>auctionHouse</c>, <c>auctionReference</c>, <c>auctionDate</c>
/// (default today), <c>reservePrice</c>? (a second call with the same method settles).
/// </summary>
public sealed record PledgeDisposalRequest(string? Method, MoneyRequest? Amount, string? BuyerId, MoneyRequest? Price, string? CenterId,
    string? AuctionHouse = null, string? AuctionReference = null, DateOnly? AuctionDate = null, MoneyRequest? ReservePrice = null);

/// <summary>Body of <c>POST /api/v1/pledges/{id}/collateral</c>: one more patent of the pledgor and its CNIPA pledge registration number.</summary>
public sealed record PledgeCollateralRequest(string? Number, string? RegistrationNumber);

/// <summary>One row of a financier's portfolio.</summary>
public sealed record PortfolioRow(string Id, PledgeStatus Status, string PledgorId, long OutstandingPrincipal, long AccruedInterest,
    long CollateralValue, long? CoverageBps, long? LtvBps, DateOnly? NextDueDate, int OpenMarginCalls, string Currency);
