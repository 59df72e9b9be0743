using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>One pledged patent and the valuation last relied on; <paramref name="RegistrationNumber"/> for collateral added later (its own CNIPA registration).</summary>
[GenerateSerializer]
[Immutable]
public sealed record PledgedPatent(string Number, CollateralItem Collateral, string? RegistrationNumber = null);

/// <summary>A margin call: raised on <see cref="RaisedOn"/>, to be cured by <see cref="CureBy"/>; <see cref="CuredOn"/> once cured.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MarginCall(int Number, DateOnly RaisedOn, DateOnly CureBy, DateOnly? CuredOn, bool Defaulted = false);

/// <summary>How the collateral was realised: a sale (变卖) or an auction (拍卖) through a transfer, or an agreed conversion (折价).</summary>
[GenerateSerializer]
[Immutable]
public sealed record Disposal(string Method, string? TransferId, long Recoveries, DateOnly? SettledOn, AuctionResult? Auction = null);

/// <summary>
/// A public auction of the collateral (拍卖): the auction house, its lot or case reference and date, the reserve price
/// (保留价) if one was set, and the hammer price the winning bidder pays, which becomes the transfer's price.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AuctionResult(string House, string Reference, DateOnly HeldOn, long? ReservePrice, long HammerPrice);

[GenerateSerializer]
[Immutable]
public sealed record PledgeEvent(string Action, PledgeStatus Status, string? Caller, DateTimeOffset At, string? Detail);

/// <summary>Stored state of <c>PledgeDealGrain</c>. The product and agreement are copied at application (§8).</summary>
[GenerateSerializer]
public sealed class PledgeDealState
{
    [Id(0)]
    public bool Exists { get; set; }
    [Id(1)]
    public PledgeStatus Status { get; set; }
    [Id(2)]
    public string PledgorId { get; set; } = "";
    [Id(3)]
    public string FinancierId { get; set; } = "";
    [Id(4)]
    public FinancierProduct Product { get; set; } = null!;
    [Id(5)]
    public RiskSharingAgreement Agreement { get; set; } = null!;
    [Id(6)]
    public long Principal { get; set; }
    [Id(7)]
    public List<PledgedPatent> Patents { get; set; } = [];
    [Id(8)]
    public string? RegistrationNumber { get; set; }
    [Id(9)]
    public DateOnly? DisbursedOn { get; set; }
    [Id(10)]
    public DateOnly? Maturity { get; set; }
    [Id(11)]
    public List<Instalment> Schedule { get; set; } = [];
    /// <summary>Payments counted against <see cref="Schedule"/> (reset by renewal, which makes a new schedule).</summary>
    [Id(12)]
    public List<Payment> Payments { get; set; } = [];
    [Id(13)]
    public LoanBalance Balance { get; set; } = LoanBalance.Disbursed(0);
    /// <summary>Interest has been accrued for every day before this one.</summary>
    [Id(14)]
    public DateOnly AccruedTo { get; set; }
    [Id(15)]
    public int InterestPosts { get; set; }
    [Id(16)]
    public List<string> Repayments { get; set; } = [];
    [Id(17)]
    public List<MarginCall> MarginCalls { get; set; } = [];
    [Id(18)]
    public Disposal? Disposal { get; set; }
    [Id(19)]
    public LossShares? Loss { get; set; }
    [Id(20)]
    public List<PledgeEvent> History { get; set; } = [];
    /// <summary>The financier applied and the pledgor has not accepted yet: nothing proceeds until it does.</summary>
    [Id(21)]
    public bool AwaitingPledgor { get; set; }
    /// <summary>The operating center that files the registration for the parties (its operators read the deal and register it); null: the financier.</summary>
    [Id(22)]
    public string? CenterId { get; set; }
    /// <summary>The day CNIPA registered the pledge, as recorded with <see cref="RegistrationNumber"/>.</summary>
    [Id(23)]
    public DateOnly? RegisteredOn { get; set; }

    public string Currency => Product.Currency;
    public MarginCall? OpenCall => MarginCalls.LastOrDefault(c => c.CuredOn is null && !c.Defaulted);
}
