using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// Durable state of <see cref="TransferGrain"/>, keyed by the transfer id (<c>trf_…</c>). Each step is
/// recorded here (and in <see cref="History"/>, with who and when) before the next can start, so a
/// restarted silo resumes the saga from what is stored.
/// </summary>
[GenerateSerializer]
public sealed class TransferState
{
    [Id(0)]
    public TransferStatus Status { get; set; }
    [Id(1)]
    public List<string> Patents { get; set; } = [];
    [Id(2)]
    public string SellerId { get; set; } = "";
    [Id(3)]
    public string BuyerId { get; set; } = "";
    [Id(4)]
    public string BuyerCountry { get; set; } = "";
    [Id(5)]
    public string CenterId { get; set; } = "";
    [Id(6)]
    public Money Price { get; set; }

    /// <summary>Locked at creation: later changes to the center's settings do not reprice an open transfer.</summary>
    [Id(7)]
    public int CommissionBps { get; set; }
    [Id(8)]
    public PoolOption? PoolOption { get; set; }
    [Id(9)]
    public List<TransferConsent> Consents { get; set; } = [];
    [Id(10)]
    public ExportRequirement ExportRequirement { get; set; } = ExportRequirement.None;
    [Id(11)]
    public ExportClearanceRecord? ExportClearance { get; set; }
    [Id(12)]
    public TransferPaymentRecord? Payment { get; set; }
    [Id(13)]
    public RecordationRecord? Recordation { get; set; }
    [Id(14)]
    public TransferCompletion? Completion { get; set; }
    [Id(15)]
    public TransferClosing? Closing { get; set; }
    [Id(16)]
    public DateTimeOffset? CreatedAt { get; set; }
    [Id(17)]
    public DateTimeOffset ExpiresAt { get; set; }
    [Id(18)]
    public List<TransferEvent> History { get; set; } = [];

    public bool Exists => CreatedAt is not null;
}

/// <summary>A party whose consent the transfer needs, for which patents and in which roles, and its answer.</summary>
[GenerateSerializer]
public sealed record TransferConsent(
    string PartyId, IReadOnlyList<ConsentRole> Roles, IReadOnlyList<string> Patents,
    ConsentDecision Decision, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>One step of the transfer: what happened, the status after it, who did it (null: the market itself) and when.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TransferEvent(string Action, TransferStatus Status, string? By, DateTimeOffset At, string? Detail = null);

[GenerateSerializer]
[Immutable]
public sealed record ExportClearanceRecord(string? RegistrationCertificateNumber, string? ExportLicenceNumber, DateTimeOffset ClearedAt, string? ClearedBy);

[GenerateSerializer]
[Immutable]
public sealed record TransferPaymentRecord(string Provider, string Reference, Money Amount, DateTimeOffset ConfirmedAt, string? ConfirmedBy);

[GenerateSerializer]
[Immutable]
public sealed record RecordationRecord(string NoticeNumber, DateOnly Date, DateTimeOffset RecordedAt, string? RecordedBy);

/// <summary>
/// What completion did: the buyer owns the patents from <paramref name="OwnershipPassedOn"/>, the licences
/// that survive (§7), what happened in each pool, and how escrow was split. <paramref name="ReleasedPledges"/>: the
/// pledges the transfer released, each patent's part of the seller's proceeds deposited in its pledge escrow (art. 444).
/// </summary>
[GenerateSerializer]
public sealed record TransferCompletion(
    DateOnly OwnershipPassedOn, string NewOwnerId, IReadOnlyList<SurvivingLicence> Licences,
    IReadOnlyList<PoolOutcome> Pools, Money SellerProceeds, Money Commission, IReadOnlyList<ReleasedPledge>? ReleasedPledges = null);

/// <summary>A pledge released on recordation: the pledgee consented, and <paramref name="Deposited"/> went to <paramref name="Escrow"/> instead of the seller.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReleasedPledge(string PatentNumber, string PledgeeId, string Escrow, Money Deposited);

[GenerateSerializer]
[Immutable]
public sealed record SurvivingLicence(string PatentNumber, string LicenceId, LicenceKind Kind, string LicenseeId);

/// <param name="WithdrawnOn">For <c>withdraw</c>: the first day the patent is out of the pool (the next period's start).</param>
[GenerateSerializer]
[Immutable]
public sealed record PoolOutcome(string PatentNumber, string PoolId, PoolOption Option, DateOnly? WithdrawnOn);

/// <summary>How an open transfer ended without completing; <paramref name="Refunded"/> is the escrow returned to the buyer.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TransferClosing(TransferStatus Status, string Reason, string? By, DateTimeOffset At, Money? Refunded);
