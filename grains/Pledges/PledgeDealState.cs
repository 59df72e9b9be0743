using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>One pledged patent and the valuation last relied on.</summary>
public sealed record PledgedPatent(string Number, CollateralItem Collateral);

/// <summary>A margin call: raised on <see cref="RaisedOn"/>, to be cured by <see cref="CureBy"/>; <see cref="CuredOn"/> once cured.</summary>
public sealed record MarginCall(int Number, DateOnly RaisedOn, DateOnly CureBy, DateOnly? CuredOn, bool Defaulted = false);

/// <summary>How the collateral was realised: a sale through a transfer, or an agreed conversion (折价).</summary>
public sealed record Disposal(string Method, string? TransferId, long Recoveries, DateOnly? SettledOn);

public sealed record PledgeEvent(string Action, PledgeStatus Status, string? Caller, DateTimeOffset At, string? Detail);

/// <summary>Stored state of <c>PledgeDealGrain</c>. The product and agreement are copied at application (§8).</summary>
public sealed class PledgeDealState
{
    public bool Exists { get; set; }
    public PledgeStatus Status { get; set; }
    public string PledgorId { get; set; } = "";
    public string FinancierId { get; set; } = "";
    public FinancierProduct Product { get; set; } = null!;
    public RiskSharingAgreement Agreement { get; set; } = null!;
    public long Principal { get; set; }
    public List<PledgedPatent> Patents { get; set; } = [];
    public string? RegistrationNumber { get; set; }
    public DateOnly? DisbursedOn { get; set; }
    public DateOnly? Maturity { get; set; }
    public List<Instalment> Schedule { get; set; } = [];
    /// <summary>Payments counted against <see cref="Schedule"/> (reset by renewal, which makes a new schedule).</summary>
    public List<Payment> Payments { get; set; } = [];
    public LoanBalance Balance { get; set; } = LoanBalance.Disbursed(0);
    /// <summary>Interest has been accrued for every day before this one.</summary>
    public DateOnly AccruedTo { get; set; }
    public int InterestPosts { get; set; }
    public List<string> Repayments { get; set; } = [];
    public List<MarginCall> MarginCalls { get; set; } = [];
    public Disposal? Disposal { get; set; }
    public LossShares? Loss { get; set; }
    public List<PledgeEvent> History { get; set; } = [];

    public string Currency => Product.Currency;
    public MarginCall? OpenCall => MarginCalls.LastOrDefault(c => c.CuredOn is null && !c.Defaulted);
}
