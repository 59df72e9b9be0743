using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>Default, disposal with loss sharing (pure <see cref="LossSharing"/>), and release of the encumbrance.</summary>
public sealed partial class PledgeDealGrain
{
    public async Task<PledgeDealView> DeclareDefault()
    {
        var s = RequireExists();
        if (s.Status == PledgeStatus.Defaulted) return View();
        RequireLive();
        await CatchUp();
        if (s.Status != PledgeStatus.Defaulted)
            throw DomainException.Unprocessable("no_event_of_default", $"Pledge deal {Id} is neither past grace nor past a margin call's cure date.");
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> Dispose(DisposeCollateral command)
    {
        var s = RequireExists();
        switch (command.Method)
        {
            case "conversion" when s.Status == PledgeStatus.Defaulted:
                if (command.Amount is not { } amount || amount < 0)
                    throw DomainException.Invalid("invalid_amount", "amount.amount", "The agreed conversion amount is required and not negative.");
                Move(PledgeStatus.Disposing, "disposing", "conversion");
                s.Disposal = new Disposal("conversion", null, 0, null);
                await Settle(amount, LedgerAccounts.Clearing(PledgeAccounts.Provider));
                break;
            case "sale" when s.Status == PledgeStatus.Defaulted:
                if (command.Sale is not { } sale) throw DomainException.Invalid("required", "buyerId", "A sale names its buyer, price and center.");
                var transferId = "trf_" + Id[4..];
                // Seller is the pledgor (it still owns the patents); the transfer asks the pledgee's consent as for any pledged patent.
                await GrainFactory.GetGrain<ITransferGrain>(transferId).Create(sale with { Patents = [.. s.Patents.Select(p => p.Number)], SellerId = s.PledgorId });
                Move(PledgeStatus.Disposing, "disposing", $"sale through transfer {transferId}");
                s.Disposal = new Disposal("sale", transferId, 0, null);
                break;
            case "sale" when s.Status == PledgeStatus.Disposing && s.Disposal?.TransferId is { } id:
                var transfer = await GrainFactory.GetGrain<ITransferGrain>(id).Get();
                if (transfer?.Status != TransferStatus.Completed)
                    throw DomainException.Conflict("sale_not_completed", $"Transfer {id} has not completed; proceeds are not in yet.");
                // Proceeds were released to the seller's payable; the pledgee is paid first out of them (art. 436).
                var proceeds = Commission.SellerProceeds(transfer.Price, transfer.CommissionBps).Amount;
                await Settle(proceeds, LedgerAccounts.LicensorPayable(s.PledgorId));
                break;
            case "conversion" or "sale":
                throw DomainException.Conflict("invalid_pledge_state", $"Pledge deal {Id} is {PledgeLifecycle.Wire(s.Status)}; disposal follows a default.");
            default:
                throw DomainException.Invalid("invalid_enum", "method", "Use 'sale' or 'conversion'.");
        }
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> Release()
    {
        var s = RequireExists();
        Move(s.Status == PledgeStatus.Settled ? PledgeStatus.Closed : PledgeStatus.Released);
        foreach (var p in s.Patents)
            if ((await GrainFactory.GetGrain<IPatentGrain>(p.Number).Get())?.PledgeeId == s.FinancierId)
                await GrainFactory.GetGrain<IPatentGrain>(p.Number).SetPledge(null);
        await deal.WriteStateAsync();
        return View();
    }

    /// <summary>Accelerates: interest stops accruing at default (it is posted now) and the whole balance falls due.</summary>
    private void Default(string reason)
    {
        var before = S.Balance.InterestDue;
        S.Balance = S.Balance.PostInterest();
        PostInterest(S.Balance.InterestDue - before);
        Move(PledgeStatus.Defaulted, "defaulted", reason);
    }
}
