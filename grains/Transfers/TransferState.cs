using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// Durable state of <see cref="TransferGrain"/>, keyed by the transfer id (<c>trf_…</c>). Each step is
/// recorded here (and in <see cref="History"/>, with who and when) before the next can start, so a
/// restarted silo resumes the saga from what is stored.
/// </summary>
public sealed class TransferState
{
    public TransferStatus Status { get; set; }
    public List<string> Patents { get; set; } = [];
    public string SellerId { get; set; } = "";
    public string BuyerId { get; set; } = "";
    public string BuyerCountry { get; set; } = "";
    public string CenterId { get; set; } = "";
    public Money Price { get; set; }

    /// <summary>Locked at creation: later changes to the center's settings do not reprice an open transfer.</summary>
    public int CommissionBps { get; set; }
    public PoolOption? PoolOption { get; set; }
    public List<TransferConsent> Consents { get; set; } = [];
    public ExportRequirement ExportRequirement { get; set; } = ExportRequirement.None;
    public ExportClearanceRecord? ExportClearance { get; set; }
    public TransferPaymentRecord? Payment { get; set; }
    public RecordationRecord? Recordation { get; set; }
    public TransferCompletion? Completion { get; set; }
    public TransferClosing? Closing { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public List<TransferEvent> History { get; set; } = [];

    public bool Exists => CreatedAt is not null;
}

/// <summary>A party whose consent the transfer needs, for which patents and in which roles, and its answer.</summary>
public sealed record TransferConsent(
    string PartyId, IReadOnlyList<ConsentRole> Roles, IReadOnlyList<string> Patents,
    ConsentDecision Decision, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>One step of the transfer: what happened, the status after it, who did it (null: the market itself) and when.</summary>
public sealed record TransferEvent(string Action, TransferStatus Status, string? By, DateTimeOffset At, string? Detail = null);

public sealed record ExportClearanceRecord(string? RegistrationCertificateNumber, string? ExportLicenceNumber, DateTimeOffset ClearedAt, string? ClearedBy);

public sealed record TransferPaymentRecord(string Provider, string Reference, Money Amount, DateTimeOffset ConfirmedAt, string? ConfirmedBy);

public sealed record RecordationRecord(string NoticeNumber, DateOnly Date, DateTimeOffset RecordedAt, string? RecordedBy);

/// <summary>
/// What completion did: the buyer owns the patents from <paramref name="OwnershipPassedOn"/>, the licences
/// that survive (§7), what happened in each pool, and how escrow was split.
/// </summary>
public sealed record TransferCompletion(
    DateOnly OwnershipPassedOn, string NewOwnerId, IReadOnlyList<SurvivingLicence> Licences,
    IReadOnlyList<PoolOutcome> Pools, Money SellerProceeds, Money Commission);

public sealed record SurvivingLicence(string PatentNumber, string LicenceId, LicenceKind Kind, string LicenseeId);

/// <param name="WithdrawnOn">For <c>withdraw</c>: the first day the patent is out of the pool (the next period's start).</param>
public sealed record PoolOutcome(string PatentNumber, string PoolId, PoolOption Option, DateOnly? WithdrawnOn);

/// <summary>How an open transfer ended without completing; <paramref name="Refunded"/> is the escrow returned to the buyer.</summary>
public sealed record TransferClosing(TransferStatus Status, string Reason, string? By, DateTimeOffset At, Money? Refunded);
