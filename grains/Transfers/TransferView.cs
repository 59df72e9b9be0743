using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>A transfer as callers see it (a snapshot: lists are copies).</summary>
[GenerateSerializer]
public sealed record TransferView(
    string Id,
    TransferStatus Status,
    IReadOnlyList<string> Patents,
    string SellerId,
    string BuyerId,
    string CenterId,
    Money Price,
    int CommissionBps,
    PoolOption? PoolOption,
    IReadOnlyList<TransferConsent> Consents,
    ExportCheckView ExportCheck,
    TransferPaymentRecord? Payment,
    EscrowView Escrow,
    RecordationRecord? Recordation,
    TransferCompletion? Completion,
    TransferClosing? Closing,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<TransferEvent> History,
    long Version);

/// <summary>The export check: whether the buyer is abroad, which documents it needs, and the clearance once recorded.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ExportCheckView(
    string BuyerCountry, bool Required, bool RegistrationCertificateRequired, bool ExportLicenceRequired, ExportClearanceRecord? Clearance);

/// <summary>The transfer's escrow account in the ledger and what it holds now; released or refunded once.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EscrowView(string Account, Money Held, Money? Released, Money? Refunded);
