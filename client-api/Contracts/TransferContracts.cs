using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>
/// Body of <c>POST /api/v1/transfers</c>. <c>centerId</c> defaults to the calling operator's own party;
/// a seller (or the admin) names it. <c>poolOption</c> is required when a patent is in a pool.
/// </summary>
public sealed record CreateTransferRequest(
    [Required] IReadOnlyList<string>? Patents, [Required] string? SellerId, [Required] string? BuyerId, [Required] MoneyRequest? Price, PoolOption? PoolOption, string? CenterId);

/// <summary>Body of <c>POST /api/v1/transfers/{id}/consents</c>: the calling party's answer.</summary>
public sealed record TransferConsentRequest([Required] ConsentAnswer? Decision);

/// <summary>Body of <c>POST /api/v1/transfers/{id}/export-clearance</c>: the documents the buyer abroad needs.</summary>
public sealed record ExportClearanceRequest(string? RegistrationCertificateNumber, string? ExportLicenceNumber);

/// <summary>Body of <c>POST /api/v1/transfers/{id}/payments</c>: an offline bank transfer the operator confirms.</summary>
public sealed record TransferPaymentRequest([Required] string? BankReference, [Required] MoneyRequest? Amount);

/// <summary>Body of <c>POST /api/v1/transfers/{id}/recordation</c>: the CNIPA change notice (著录项目变更).</summary>
public sealed record RecordationRequest([Required] string? NoticeNumber, [Required] DateOnly? Date);

/// <summary>Optional body of <c>POST /api/v1/transfers/{id}/cancel</c>.</summary>
public sealed record CancelTransferRequest(string? Reason);

/// <summary>Body of <c>PUT /api/v1/patents/{number}/export-control</c>.</summary>
public sealed record ExportControlRequest([Required] ExportControl? ExportControl);

/// <summary>A patent's transfer side: its export-control class, the open transfer holding it, completed transfers.</summary>
public sealed record PatentTransfersResponse(string Number, ExportControl ExportControl, string? OpenTransferId, IReadOnlyList<CompletedTransfer> Transfers);

/// <summary>Body of <c>PUT /api/v1/operating-centers/{id}</c>.</summary>
public sealed record OperatingCenterRequest([Required] int? CommissionBps);

/// <summary>An operating center's settings; <c>isDefault</c> when the market default commission applies.</summary>
public sealed record OperatingCenterResponse(string Id, int CommissionBps, bool IsDefault, DateTimeOffset? UpdatedAt);
