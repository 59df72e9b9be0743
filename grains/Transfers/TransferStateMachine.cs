using PatentNav.Market.Grains.Common;
using static PatentNav.Market.Grains.Transfers.TransferStatus;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// The transfer workflow (§7) as a pure table. The waiting states run in a fixed order — consents,
/// export clearance, payment, recordation — and a state whose condition already holds is skipped
/// (no co-owner or pledgee: no consents; a Chinese buyer: no export check). Every open state may end
/// cancelled or expired; completed, cancelled and expired are final.
/// </summary>
public static class TransferStateMachine
{
    private static readonly TransferStatus[] Waiting = [Draft, AwaitingConsents, AwaitingExportClearance, AwaitingPayment, AwaitingRecordation];

    public static bool IsOpen(TransferStatus status) => status is not (Completed or Cancelled or Expired);

    public static bool CanMove(TransferStatus from, TransferStatus to)
    {
        if (!IsOpen(from) || from == to) return false;
        if (to is Cancelled or Expired) return true;
        if (to == Completed) return from == AwaitingRecordation;
        // Forward only, and never back into draft; payment cannot be skipped.
        var (f, t) = (Array.IndexOf(Waiting, from), Array.IndexOf(Waiting, to));
        return t > f && t > 0 && (to != AwaitingRecordation || from == AwaitingPayment);
    }

    /// <summary>Throws 409 <c>invalid_transfer_state</c> unless <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static TransferStatus Require(TransferStatus from, TransferStatus to) => CanMove(from, to)
        ? to
        : throw DomainException.Conflict("invalid_transfer_state", $"A transfer that is {Wire(from)} cannot become {Wire(to)}.");

    /// <summary>
    /// The waiting state an open transfer belongs in, given what is still outstanding; never earlier than
    /// <paramref name="current"/> (a consent asked for late does not send a paid transfer back).
    /// </summary>
    public static TransferStatus Settle(TransferStatus current, bool consentsPending, bool exportPending, bool paid)
    {
        if (!IsOpen(current) || current == AwaitingRecordation) return current;
        var target = consentsPending ? AwaitingConsents
            : exportPending ? AwaitingExportClearance
            : paid ? AwaitingRecordation
            : AwaitingPayment;
        return Array.IndexOf(Waiting, target) > Array.IndexOf(Waiting, current) ? target : current;
    }

    /// <summary>The status as the API spells it (<c>awaiting_payment</c>).</summary>
    public static string Wire(TransferStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
