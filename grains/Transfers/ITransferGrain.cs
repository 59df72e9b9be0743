
namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// A transfer of patents (转让, §7), keyed by its id (<c>trf_…</c>): a saga whose state records each step —
/// consents, export check, payment into escrow, CNIPA recordation — so every step can be repeated safely
/// and a restarted silo resumes where the stored state says. A durable reminder expires it.
/// </summary>
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the transfer: every patent is claimed (409 <c>patent_in_transfer</c> if another open transfer
    /// holds it), the consents, export requirement and commission are fixed, and the transfer moves out of
    /// draft to its first waiting state. 409 <c>transfer_exists</c> if the id is taken.
    /// </summary>
    Task<TransferView> Create(CreateTransfer command);

    /// <summary>The transfer, or null if it was never created.</summary>
    Task<TransferView?> Get();

    /// <summary>
    /// A co-owner's or pledgee's answer. Granting the last consent moves the transfer on; a refusal cancels
    /// it (refunding escrow if paid). The same answer again is a no-op; a party with no say is 422
    /// <c>not_consenting_party</c>.
    /// </summary>
    Task<TransferView> Decide(string partyId, ConsentAnswer answer);

    /// <summary>Records the export documents for a buyer abroad; the same clearance again is a no-op.</summary>
    Task<TransferView> ClearExport(ExportClearance clearance);

    /// <summary>Books the price into the transfer's escrow account; the same payment again is a no-op.</summary>
    Task<TransferView> ConfirmPayment(TransferPayment payment);

    /// <summary>
    /// Records the CNIPA change notice: ownership passes on its date, pools are acceded or left as agreed,
    /// escrow is released to the seller less the commission. The same notice again is a no-op.
    /// </summary>
    Task<TransferView> Record(Recordation recordation);

    /// <summary>Cancels an open transfer, releasing its patents and refunding escrow once. Cancelling again is a no-op.</summary>
    Task<TransferView> Cancel(CancelTransfer command);
}
