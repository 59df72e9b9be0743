using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>An application: the product terms are copied onto the deal, so later product edits change nothing.</summary>
[GenerateSerializer]
public sealed record ApplyForPledge(string PledgorId, string FinancierId, IReadOnlyList<string> Patents, Money Principal,
    FinancierProduct Product, RiskSharingAgreement? Agreement);

/// <summary>
/// <c>conversion</c> (折价): the agreed <paramref name="Amount"/> is recovered at once. <c>sale</c> (变卖) and <c>auction</c>
/// (拍卖): the first call opens a transfer (seller = pledgor) with <paramref name="Sale"/> — for an auction to the winning
/// bidder at the hammer price, with <paramref name="Auction"/> recorded; a later call with the same method, once it completed, settles.
/// </summary>
[GenerateSerializer]
public sealed record DisposeCollateral(string Method, long? Amount, CreateTransfer? Sale, AuctionResult? Auction = null);

[GenerateSerializer]
public sealed record PledgeDealView(
    string Id, PledgeStatus Status, string PledgorId, string FinancierId, IReadOnlyList<PledgedPatent> Patents,
    FinancierProduct Product, RiskSharingAgreement Agreement, Money Principal, string? RegistrationNumber,
    DateOnly? DisbursedOn, DateOnly? Maturity, IReadOnlyList<Instalment> Schedule,
    Money OutstandingPrincipal, Money InterestDue, Money AccruedInterest, Money Payoff, Money CollateralValue,
    long? CoverageBps, long? LtvBps, DateOnly? NextDueDate, IReadOnlyList<MarginCall> MarginCalls,
    Disposal? Disposal, LossShares? Loss, IReadOnlyList<PledgeEvent> History);
