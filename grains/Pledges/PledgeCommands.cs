using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>An application: the product terms are copied onto the deal, so later product edits change nothing.</summary>
/// <param name="ByPledgor">The pledgor applied itself; otherwise (the financier applied) the deal waits for the pledgor's acceptance.</param>
/// <param name="CenterId">The operating center that files the pledge registration on the parties' behalf (<see cref="PledgeRegistration"/>); none: the financier files it.</param>
[GenerateSerializer]
public sealed record ApplyForPledge(string PledgorId, string FinancierId, IReadOnlyList<string> Patents, Money Principal,
    FinancierProduct Product, RiskSharingAgreement? Agreement, bool ByPledgor = true, string? CenterId = null);

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
    Disposal? Disposal, LossShares? Loss, IReadOnlyList<PledgeEvent> History, bool AwaitingPledgor = false,
    string? CenterId = null, DateOnly? RegisteredOn = null);
