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
                await Settle([(LedgerAccounts.Clearing(PledgeAccounts.Provider), amount)]);
                break;
            case "sale" or "auction" when s.Status == PledgeStatus.Defaulted:
                if (command.Sale is not { } sale) throw DomainException.Invalid("required", "buyerId", "A sale names its buyer, price and center.");
                var auction = command.Method == "auction" ? Disposals.RequireAuction(command.Auction, sale.Price, s.Currency, Today) : null;
                var transferId = "trf_" + Id[4..];
                // Seller is the pledgor (it still owns the patents); the transfer asks the pledgee's consent as for any pledged patent.
                await GrainFactory.GetGrain<ITransferGrain>(transferId).Create(sale with { Patents = [.. s.Patents.Select(p => p.Number)], SellerId = s.PledgorId });
                Move(PledgeStatus.Disposing, "disposing", auction is null
                    ? $"sale through transfer {transferId}"
                    : $"auction {auction.Reference} by {auction.House} on {auction.HeldOn:yyyy-MM-dd}, hammer price {auction.HammerPrice}, through transfer {transferId}");
                s.Disposal = new Disposal(command.Method, transferId, 0, null, auction);
                break;
            case "sale" or "auction" when s.Status == PledgeStatus.Disposing && s.Disposal is { TransferId: { } id } disposal && disposal.Method == command.Method:
                var transfer = await GrainFactory.GetGrain<ITransferGrain>(id).Get();
                if (transfer?.Status != TransferStatus.Completed)
                    throw DomainException.Conflict("sale_not_completed", $"Transfer {id} has not completed; proceeds are not in yet.");
                // Recordation deposited the net proceeds in the patents' pledge escrows (art. 444); the pledgee is paid first
                // out of everything they hold (art. 436), and the surplus goes to the pledgor.
                await Settle(await EscrowBalances(s.Currency));
                break;
            case "conversion" or "sale" or "auction":
                throw DomainException.Conflict("invalid_pledge_state", $"Pledge deal {Id} is {PledgeLifecycle.Wire(s.Status)}" +
                    (s.Disposal is { } d ? $", disposing by {d.Method}." : "; disposal follows a default."));
            default:
                throw DomainException.Invalid("invalid_enum", "method", "Use 'sale', 'auction' or 'conversion'.");
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
        // What the escrows still hold (revenue or proceeds the loan did not need) is the pledgor's once the pledge ends;
        // the ids name the deal, patent and currency, so it is returned once.
        foreach (var p in s.Patents)
        {
            var escrow = LedgerAccounts.Escrow("pledge", p.Number);
            foreach (var left in (await ledgerQueries.Account(escrow, 1)).Balances.Where(b => b.Amount > 0))
                ledger.Post(Posting.Transfer($"pledge:{Id}:escrow-return:{p.Number}:{left.Currency}", escrow, LedgerAccounts.LicensorPayable(s.PledgorId),
                    left, $"Pledge deal {Id} released: escrow of {p.Number} returned to pledgor {s.PledgorId}"));
        }
        Log(s.Status == PledgeStatus.Closed ? "closed" : "released");
        await deal.WriteStateAsync();
        return View();
    }

    /// <summary>The positive balances of this deal's patents' pledge escrows in <paramref name="currency"/>, read from the ledger.</summary>
    private async Task<List<(string Account, long Amount)>> EscrowBalances(string currency)
    {
        var balances = new List<(string, long)>();
        foreach (var p in S.Patents)
        {
            var escrow = LedgerAccounts.Escrow("pledge", p.Number);
            var held = (await ledgerQueries.Account(escrow, 1)).Balances.Where(b => b.Currency == currency).Sum(b => b.Amount);
            if (held > 0) balances.Add((escrow, held));
        }
        return balances;
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
