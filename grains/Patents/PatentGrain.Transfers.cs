using System.Security.Cryptography;
using System.Text;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Grains.Patents;

/// <summary>
/// The patent's side of transfers (§7): the open transfer that holds it, its export-control class,
/// and the change of owner recorded from the CNIPA change notice (著录项目变更).
/// </summary>
public sealed partial class PatentGrain : IPatentTransfers
{
    public Task<PatentTransferFacts> TransferFacts() => Task.FromResult(Facts(RequireRegistered()));

    public async Task<PatentTransferFacts> ClaimForTransfer(string transferId, string sellerId)
    {
        var state = RequireRegistered();
        var transfer = state.Transfer;
        // The same transfer claiming again is its own re-run: whatever changed since, it holds the patent.
        if (transfer.OpenTransferId == transferId) return Facts(state);
        if (transfer.OpenTransferId is { } other)
            throw DomainException.Conflict("patent_in_transfer", $"Patent {state.Number} is held by open transfer {other}.", "number");
        RequireInForce();
        if (!state.OwnerIds.Contains(sellerId))
            throw DomainException.Unprocessable("not_owner", $"Party {sellerId} does not own patent {state.Number}.", "number");
        transfer.OpenTransferId = transferId;
        await patent.WriteStateAsync();
        return Facts(state);
    }

    public async Task ReleaseFromTransfer(string transferId)
    {
        var state = RequireRegistered();
        if (state.Transfer.OpenTransferId != transferId) return;
        state.Transfer.OpenTransferId = null;
        await patent.WriteStateAsync();
    }

    public Task<PatentTransferFacts> CheckCompletion(CompletePatentTransfer command)
    {
        var state = RequireRegistered();
        if (!IsCompleted(state, command.TransferId)) RequireCompletable(state, command);
        return Task.FromResult(Facts(state));
    }

    public async Task<PatentTransferFacts> CompleteTransfer(CompletePatentTransfer command)
    {
        var state = RequireRegistered();
        if (IsCompleted(state, command.TransferId)) return Facts(state);
        RequireCompletable(state, command);

        if (state.PledgeeId is { } pledgee)
            // The pledgee's consent (Civil Code art. 444) is kept on the patent too, used by this transfer.
            state.Consents.Add(new PledgeeConsent(ConsentId(command.TransferId, pledgee), pledgee, ConsentPurpose.Transfer,
                command.BuyerId, clock.GetUtcNow(), command.TransferId));
        state.Transfer.Completed.Add(new CompletedTransfer(
            command.TransferId, [.. state.OwnerIds], command.BuyerId, command.EffectiveOn, command.NoticeNumber, clock.GetUtcNow(), state.PledgeeId));
        PassOwnership(state, command.BuyerId, command.EffectiveOn);
        // Civil Code art. 444: the pledgee consented and the seller's proceeds are deposited in the pledge escrow
        // (the transfer's release posting), so the pledge passes to that money and the buyer takes the patent unencumbered.
        state.PledgeeId = null;
        state.Transfer.OpenTransferId = null;
        await patent.WriteStateAsync();
        return Facts(state);
    }

    public async Task<PatentTransferFacts> SetExportControl(ExportControl exportControl)
    {
        var state = RequireRegistered();
        if (state.Transfer.ExportControl == exportControl) return Facts(state);
        state.Transfer.ExportControl = exportControl;
        await patent.WriteStateAsync();
        return Facts(state);
    }

    /// <summary>
    /// The whole patent passes: the buyer becomes its only owner from the notice date. Licences and
    /// pool memberships are encumbrances of the patent, not of the owner, so they stay (§7).
    /// </summary>
    private static void PassOwnership(PatentState state, string buyerId, DateOnly effectiveOn)
    {
        // Dated, so that revenue earned before the notice date stays with the seller (§6).
        state.OwnerHistory = OwnerHistory.Change(state.EffectiveOwnerHistory(), [buyerId], effectiveOn);
        state.OwnerIds = [buyerId];
    }

    /// <summary>What must still hold when CNIPA records the change: the transfer holds the patent, the
    /// seller still owns it, and everyone whose consent §3 and §8 require has given it.</summary>
    private static void RequireCompletable(PatentState state, CompletePatentTransfer command)
    {
        if (state.Transfer.OpenTransferId != command.TransferId)
            throw DomainException.Conflict("patent_not_held", $"Patent {state.Number} is not held by transfer {command.TransferId}.", "number");
        if (!state.OwnerIds.Contains(command.SellerId))
            throw DomainException.Conflict("seller_not_owner", $"Party {command.SellerId} no longer owns patent {state.Number}.", "number");
        if (state.OwnerIds.FirstOrDefault(o => o != command.SellerId && !command.ConsentedPartyIds.Contains(o)) is { } coOwner)
            throw DomainException.Unprocessable("co_owner_consent_required", $"Co-owner {coOwner} of patent {state.Number} has not consented.", "number");
        if (state.PledgeeId is { } pledgee && !command.ConsentedPartyIds.Contains(pledgee))
            throw DomainException.Conflict("pledgee_consent_required", $"Patent {state.Number} is pledged to {pledgee}; its consent is required.", "number");
        if (state.EffectiveOwnerHistory()[^1].From is var since && command.EffectiveOn < since)
            throw DomainException.Unprocessable("effective_date_before_previous",
                $"The owners of patent {state.Number} are recorded from {since:yyyy-MM-dd}; the notice cannot take effect before that.", "date");
    }

    private static bool IsCompleted(PatentState state, string transferId) => state.Transfer.Completed.Any(t => t.TransferId == transferId);

    /// <summary>Derived from the transfer and the pledgee, so a re-run records the same consent.</summary>
    private static string ConsentId(string transferId, string pledgeeId) =>
        "cns_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{transferId}\n{pledgeeId}")))[..12];

    private PatentTransferFacts Facts(PatentState s) => new(
        s.Number, PatentTerm.EffectiveStatus(s.Status, s.Type, s.FilingDate, Today), [.. s.OwnerIds], s.PledgeeId,
        s.Transfer.ExportControl, s.Transfer.OpenTransferId, [.. s.Licences], [.. s.Pools], [.. s.Transfer.Completed]);
}
