using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// The CNIPA change notice (著录项目变更) completes the transfer: ownership passes on the notice date
/// (Patent Law art. 10), licences survive, pools are acceded or left, and escrow goes to the seller
/// less the operating center's commission.
/// </summary>
public sealed partial class TransferGrain
{
    public async Task<TransferView> Record(Recordation recordation)
    {
        var state = RequireExists();
        var number = TransferRules.RequireNotice(recordation, MarketClock.DayOf(state.CreatedAt!.Value), Today);
        if (state.Recordation is { } done)
            return done.NoticeNumber == number && done.Date == recordation.Date
                ? View()
                : throw DomainException.Conflict("already_recorded", $"Transfer {Id} was recorded with notice {done.NoticeNumber}.", "noticeNumber");
        // Past the expiry time only a recordation already under way may finish (see RecordationBegun).
        if (!(state.Status == TransferStatus.AwaitingRecordation && await RecordationBegun())) RequireStatus(TransferStatus.AwaitingRecordation);

        var command = new CompletePatentTransfer(Id, state.SellerId, state.BuyerId,
            [.. state.Consents.Where(c => c.Decision == ConsentDecision.Granted).Select(c => c.PartyId)], recordation.Date, number);
        // Every patent is checked before any changes hands, so a refusal leaves all with the seller.
        for (var i = 0; i < state.Patents.Count; i++)
            RequirePoolOption(await Check(state.Patents[i], command, i));

        var licences = new List<SurvivingLicence>();
        var pools = new List<PoolOutcome>();
        var earners = new List<EarningPatent>();
        foreach (var patentNumber in state.Patents)
        {
            // Idempotent per transfer: a re-run finds the patent passed already and gets the same facts.
            var facts = await Patent(patentNumber).CompleteTransfer(command);
            // The pledge the completion released is kept on the patent's record of this transfer, so a re-run sees it too.
            earners.Add(new EarningPatent(patentNumber, facts.Transfers.FirstOrDefault(t => t.TransferId == Id)?.ReleasedPledgeeId));
            licences.AddRange(facts.Licences.Select(l => new SurvivingLicence(patentNumber, l.LicenceId, l.Kind, l.LicenseeId)));
            foreach (var membership in TransferRules.PoolsOn(facts, Today))
                pools.Add(await SettlePool(patentNumber, membership, recordation.Date));
        }

        var commission = Commission.Of(state.Price, state.CommissionBps);
        var proceeds = Commission.SellerProceeds(state.Price, state.CommissionBps);
        var credits = PledgedEarnings.Credits(proceeds.Amount, earners, LedgerAccounts.LicensorPayable(state.SellerId));
        ledger.Post(Release(state, credits, commission));
        var released = new List<ReleasedPledge>();
        foreach (var pledged in earners.Where(e => e.PledgeeId is not null))
        {
            var escrow = LedgerAccounts.Escrow("pledge", pledged.Number);
            released.Add(new ReleasedPledge(pledged.Number, pledged.PledgeeId!, escrow,
                new Money(credits.FirstOrDefault(c => c.Account == escrow)?.Amount ?? 0, proceeds.Currency)));
        }
        state.Recordation = new RecordationRecord(number, recordation.Date, clock.GetUtcNow(), CallerContext.Current);
        state.Completion = new TransferCompletion(recordation.Date, state.BuyerId, licences, pools, proceeds, commission, released);
        Move(TransferStatus.Completed, "recorded", $"CNIPA notice {number} of {recordation.Date:yyyy-MM-dd}");
        await transfer.WriteStateAsync();
        await this.Done(ExpiryReminder);
        return View();
    }

    /// <summary>
    /// Whether some patent passed to the buyer already: every patent is checked before any changes hands,
    /// but an operator's act in between (a new pledge) can still stop the later ones. Such a transfer
    /// can only be finished by recording again, never cancelled or expired, or the buyer would hold
    /// patents and money both.
    /// </summary>
    private async Task<bool> RecordationBegun()
    {
        foreach (var number in transfer.State.Patents)
            if ((await Patent(number).TransferFacts()).Transfers.Any(t => t.TransferId == Id)) return true;
        return false;
    }

    private async Task<PatentTransferFacts> Check(string number, CompletePatentTransfer command, int index)
    {
        try
        {
            return await Patent(number).CheckCompletion(command);
        }
        catch (DomainException refusal) when (refusal.Field == "number")
        {
            throw refusal.At($"patents[{index}]");
        }
    }

    /// <summary>A patent that joined a pool after the transfer was opened, with no pool option agreed, cannot pass silently.</summary>
    private void RequirePoolOption(PatentTransferFacts facts)
    {
        if (transfer.State.PoolOption is null && TransferRules.UnsettledPools(facts).FirstOrDefault() is { } pool)
            throw DomainException.Unprocessable("pool_option_required",
                $"Patent {facts.Number} is in pool {pool.PoolId} and the transfer has no pool option; withdraw it from the pool or cancel.", "poolOption");
    }

    /// <summary>
    /// Accede: the buyer becomes a member, the patent stays, and the pool records the buyer as its holder from the notice date. Withdraw: the patent leaves at the end of
    /// the pool's distribution period. Both calls are idempotent, so a re-run repeats them safely.
    /// </summary>
    private async Task<PoolOutcome> SettlePool(string number, Licensing.PoolMembership membership, DateOnly recordedOn)
    {
        var pool = GrainFactory.GetGrain<IPoolGrain>(membership.PoolId);
        var option = transfer.State.PoolOption ?? PoolOption.Withdraw;
        if (option == PoolOption.Accede)
        {
            await pool.Accede(number, transfer.State.BuyerId, recordedOn);
            return new PoolOutcome(number, membership.PoolId, option, membership.WithdrawnOn);
        }
        var withdrawnOn = membership.WithdrawnOn ?? (await pool.WithdrawPatent(number)).WithdrawnOn;
        return new PoolOutcome(number, membership.PoolId, option, withdrawnOn);
    }

    /// <summary>
    /// Escrow out; the seller's proceeds in (its payable, or for a pledged patent its pledge escrow, art. 444) and the
    /// center's fees. Zero lines are left out.
    /// </summary>
    private Posting Release(TransferState state, IReadOnlyList<LedgerEntry> proceeds, Money commission)
    {
        var entries = new List<LedgerEntry> { new(EscrowAccount, -state.Price.Amount) };
        entries.AddRange(proceeds);
        if (commission.Amount > 0) entries.Add(new LedgerEntry(LedgerAccounts.AdminFees(state.CenterId), commission.Amount));
        return new Posting($"release:{Id}", state.Price.Currency,
            $"Transfer {Id} completed: proceeds to {string.Join(", ", proceeds.Select(p => $"{p.Account} {p.Amount}"))} (seller {state.SellerId}), " +
            $"commission {commission} ({state.CommissionBps} bps) to {state.CenterId}", entries);
    }
}
