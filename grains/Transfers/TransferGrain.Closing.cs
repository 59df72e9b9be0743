using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// Cancellation and expiry: the patents are released and escrow, if paid, goes back to the buyer.
/// The refund's posting id is <c>refund:{transferId}</c> and a closed transfer cannot close again, so
/// cancel and expiry together refund once.
/// </summary>
public sealed partial class TransferGrain
{
    private const string ExpiryReminder = "transfer-expiry";

    public async Task<TransferView> Cancel(CancelTransfer command)
    {
        var state = RequireExists();
        if (state.Status == TransferStatus.Cancelled) return View();
        if (!TransferStateMachine.IsOpen(state.Status))
            throw DomainException.Conflict("invalid_transfer_state", $"Transfer {Id} is {TransferStateMachine.Wire(state.Status)}.");
        if (command.Reason is { Length: > CancelTransfer.MaxReasonLength })
            throw DomainException.Invalid("too_long", "reason", $"At most {CancelTransfer.MaxReasonLength} characters.");
        // Once the buyer's money is in escrow, the seller may already have filed with CNIPA: only the center decides.
        if (state.Payment is not null && command.Actor != TransferActor.Operator)
            throw DomainException.Conflict("transfer_paid", $"The price of transfer {Id} is in escrow; only the operating center can cancel it now.");

        await Close(TransferStatus.Cancelled, string.IsNullOrWhiteSpace(command.Reason) ? $"cancelled_by_{command.Actor.ToString().ToLowerInvariant()}" : command.Reason.Trim());
        await transfer.WriteStateAsync();
        await this.Done(ExpiryReminder);
        return View();
    }

    /// <summary>The expiry tick: at least once, possibly late, possibly after the transfer closed — so it re-checks.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var state = transfer.State;
        if (reminderName != ExpiryReminder) return;
        if (!state.Exists || !TransferStateMachine.IsOpen(state.Status)) { await this.Done(ExpiryReminder); return; }
        var now = clock.GetUtcNow();
        if (now < state.ExpiresAt)
        {
            await this.RemindOnce(ExpiryReminder, state.ExpiresAt - now);
            return;
        }
        try
        {
            await Close(TransferStatus.Expired, "expired");
        }
        catch (DomainException refusal) when (refusal.Code == "recordation_in_progress")
        {
            return; // only recording the notice can end it now
        }
        await transfer.WriteStateAsync();
        await this.Done(ExpiryReminder);
    }

    /// <summary>
    /// Ends the transfer: releases its patents (idempotent calls) and stages the refund if the price was paid.
    /// Refused (409 <c>recordation_in_progress</c>) once a patent has passed to the buyer.
    /// </summary>
    private async Task Close(TransferStatus status, string reason, string? detail = null)
    {
        var state = transfer.State;
        if (state.Status == TransferStatus.AwaitingRecordation && await RecordationBegun())
            throw DomainException.Conflict("recordation_in_progress", $"Patents of transfer {Id} have passed to the buyer already; record the notice again to finish it.");
        foreach (var number in state.Patents) await Patent(number).ReleaseFromTransfer(Id);
        Money? refunded = null;
        if (state.Payment is { } payment)
        {
            ledger.Post(Posting.Transfer($"refund:{Id}", EscrowAccount, LedgerAccounts.Clearing(payment.Provider), payment.Amount,
                $"Transfer {Id} {TransferStateMachine.Wire(status)}: escrow refunded to buyer {state.BuyerId} via {payment.Provider}"));
            refunded = payment.Amount;
        }
        state.Closing = new TransferClosing(status, reason, CallerContext.Current, clock.GetUtcNow(), refunded);
        Move(status, status == TransferStatus.Expired ? "expired" : "cancelled", detail ?? reason);
    }
}
