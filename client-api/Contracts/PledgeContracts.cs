using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>A financier product's terms as sent; omitted caps/grace/buffer/cure take the §8 defaults.</summary>
public sealed record PledgeProductRequest(string? Name, [Required] int? AnnualRateBps, [Required] int? TermMonths, RepaymentKind? Schedule,
    LtvCaps? LtvCaps, int? GraceDays, int? MarginBufferBps, int? CurePeriodDays);

/// <summary>
/// Body of <c>POST /api/v1/pledges</c>; <c>riskSharing</c> defaults to the Guangzhou 2025 scheme; <c>centerId</c> (optional):
/// the operating center that files the CNIPA pledge registration on the parties' behalf.
/// </summary>
public sealed record PledgeApplicationRequest([Required] string? PledgorId, [Required] string? FinancierId, [Required] string[]? Patents, [Required] MoneyRequest? Principal,
    [Required] PledgeProductRequest? Product, RiskSharingAgreement? RiskSharing, string? CenterId = null);

/// <summary>Body of <c>POST /api/v1/pledges/{id}/register</c>: the CNIPA registration number and the day it was registered (default today).</summary>
public sealed record PledgeRegistrationRequest([Required] string? RegistrationNumber, DateOnly? RegisteredOn = null);

/// <summary>Body of <c>GET /api/v1/operating-centers/{id}/pledges</c>: the deals whose registration the center files.</summary>
public sealed record CenterPledgeListResponse(string CenterId, IReadOnlyList<PledgeDealView> Items, string? NextCursor);

public sealed record PledgeRepaymentRequest([Required] MoneyRequest? Amount);

public sealed record PledgeRenewalRequest([Required] DateOnly? NewMaturity);

/// <summary>
/// <c>method</c>: <c>conversion</c> with <c>amount</c>; <c>sale</c> with buyer, price and center; <c>auction</c> with the winning
/// bidder as buyer, the hammer price as price, the center, and <c>auctionHouse</c>, <c>auctionReference</c>, <c>auctionDate</c>
/// (default today), <c>reservePrice</c>? (a second call with the same method settles).
/// </summary>
public sealed record PledgeDisposalRequest([Required] string? Method, MoneyRequest? Amount, string? BuyerId, MoneyRequest? Price, string? CenterId,
    string? AuctionHouse = null, string? AuctionReference = null, DateOnly? AuctionDate = null, MoneyRequest? ReservePrice = null);

/// <summary>Body of <c>POST /api/v1/pledges/{id}/collateral</c>: one more patent of the pledgor and its CNIPA pledge registration number.</summary>
public sealed record PledgeCollateralRequest([Required] string? Number, [Required] string? RegistrationNumber);

/// <summary>Body of <c>GET /api/v1/financiers/{id}/portfolio</c> as JSON.</summary>
public sealed record PortfolioResponse(string FinancierId, IReadOnlyList<PortfolioRow> Items);

/// <summary>One row of a financier's portfolio.</summary>
public sealed record PortfolioRow(string Id, PledgeStatus Status, string PledgorId, long OutstandingPrincipal, long AccruedInterest,
    long CollateralValue, long? CoverageBps, long? LtvBps, DateOnly? NextDueDate, int OpenMarginCalls, string Currency);
