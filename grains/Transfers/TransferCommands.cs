using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// Opens a transfer. <paramref name="DefaultCommissionBps"/> applies when the center has configured no
/// commission of its own; <paramref name="ExpiryDays"/> is how long the transfer may stay open. Both
/// come from configuration through the gateway, so the grain itself reads none.
/// </summary>
[GenerateSerializer]
public sealed record CreateTransfer(
    IReadOnlyList<string> Patents,
    string SellerId,
    string BuyerId,
    Money Price,
    PoolOption? PoolOption,
    string CenterId,
    int DefaultCommissionBps,
    int ExpiryDays);

/// <summary>The operator's record of the export documents (numbers of the certificate and/or the licence).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ExportClearance(string? RegistrationCertificateNumber, string? ExportLicenceNumber);

/// <summary>Money received into escrow through <paramref name="Provider"/> under the provider's reference.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TransferPayment(string Provider, string Reference, Money Amount)
{
    public const string Offline = Payments.PaymentReferences.Offline;
    public const int MaxReferenceLength = 100;
}

/// <summary>The CNIPA change notice (著录项目变更通知书): its number and date.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Recordation(string NoticeNumber, DateOnly Date);

[GenerateSerializer]
[Immutable]
public sealed record CancelTransfer(TransferActor Actor, string? Reason)
{
    public const int MaxReasonLength = 2000;
}
