using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Patents;

/// <summary>
/// The patent's side of transfers (§7), keyed by the canonical number like <see cref="IPatentGrain"/>
/// and served by the same grain: which open transfer holds it, its export-control class, and the
/// change of owner on the CNIPA notice date. Every method is idempotent per transfer id, because the
/// transfer saga repeats its calls after a version conflict or a crash.
/// </summary>
public interface IPatentTransfers : IGrainWithStringKey
{
    /// <summary>What a transfer needs to know of the patent; 404 <c>patent_not_found</c> if unregistered.</summary>
    Task<PatentTransferFacts> TransferFacts();

    /// <summary>
    /// Reserves the patent for <paramref name="transferId"/>: in force (pending or granted), owned by
    /// <paramref name="sellerId"/> (422 <c>not_owner</c>), held by no other open transfer (409
    /// <c>patent_in_transfer</c> naming it). Claiming again for the same transfer is a no-op.
    /// </summary>
    Task<PatentTransferFacts> ClaimForTransfer(string transferId, string sellerId);

    /// <summary>Frees the patent if <paramref name="transferId"/> holds it; otherwise a no-op.</summary>
    Task ReleaseFromTransfer(string transferId);

    /// <summary>Checks, without changing anything, that <see cref="CompleteTransfer"/> would pass.</summary>
    Task<PatentTransferFacts> CheckCompletion(CompletePatentTransfer command);

    /// <summary>
    /// Passes ownership to the buyer from the notice date (Patent Law art. 10): the seller still owns it,
    /// every other owner and the pledgee consented. Licences and pool memberships stay; the pledge is released
    /// (the proceeds stand in for it, art. 444) and named in the completed transfer. Completing the
    /// same transfer again returns the facts unchanged.
    /// </summary>
    Task<PatentTransferFacts> CompleteTransfer(CompletePatentTransfer command);

    /// <summary>Sets the export-control class (an operator's act).</summary>
    Task<PatentTransferFacts> SetExportControl(ExportControl exportControl);
}

/// <param name="ConsentedPartyIds">Parties that granted their consent in the transfer (co-owners, pledgee).</param>
[GenerateSerializer]
public sealed record CompletePatentTransfer(
    string TransferId, string SellerId, string BuyerId, IReadOnlyList<string> ConsentedPartyIds,
    DateOnly EffectiveOn, string NoticeNumber);

/// <summary>A snapshot of the patent for a transfer; lists are copies.</summary>
[GenerateSerializer]
public sealed record PatentTransferFacts(
    string Number,
    LegalStatus Status,
    IReadOnlyList<string> OwnerIds,
    string? PledgeeId,
    ExportControl ExportControl,
    string? OpenTransferId,
    IReadOnlyList<LicenceGrant> Licences,
    IReadOnlyList<PoolMembership> Pools,
    IReadOnlyList<CompletedTransfer> Transfers);

/// <summary>
/// A transfer that changed the patent's owners, as the patent keeps it. <paramref name="ReleasedPledgeeId"/>: the pledgee
/// whose pledge the transfer released (it consented; the proceeds went to the pledge escrow), null if none.
/// </summary>
[GenerateSerializer]
public sealed record CompletedTransfer(
    string TransferId, IReadOnlyList<string> FromOwnerIds, string ToOwnerId, DateOnly EffectiveOn, string NoticeNumber, DateTimeOffset RecordedAt,
    string? ReleasedPledgeeId = null);

/// <summary>Transfer-related state of a patent (a part of <see cref="PatentState"/>).</summary>
[GenerateSerializer]
public sealed class PatentTransferState
{
    [Id(0)]
    public ExportControl ExportControl { get; set; } = ExportControl.Free;

    /// <summary>The open transfer that holds the patent: a patent is in at most one.</summary>
    [Id(1)]
    public string? OpenTransferId { get; set; }

    /// <summary>Completed transfers, oldest first.</summary>
    [Id(2)]
    public List<CompletedTransfer> Completed { get; set; } = [];
}
