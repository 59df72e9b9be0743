using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Transfers;
using static PatentNav.Market.Grains.Transfers.TransferStatus;

namespace PatentNav.Market.Tests.Transfers;

/// <summary>The §7 workflow as a table: every pair of states, allowed or refused.</summary>
public sealed class TransferStateMachineTests
{
    /// <summary>Every move the workflow allows; any pair not listed must be refused.</summary>
    private static readonly HashSet<(TransferStatus, TransferStatus)> Allowed =
    [
        (Draft, AwaitingConsents), (Draft, AwaitingExportClearance), (Draft, AwaitingPayment),
        (AwaitingConsents, AwaitingExportClearance), (AwaitingConsents, AwaitingPayment),
        (AwaitingExportClearance, AwaitingPayment),
        (AwaitingPayment, AwaitingRecordation),
        (AwaitingRecordation, Completed),
        (Draft, Cancelled), (AwaitingConsents, Cancelled), (AwaitingExportClearance, Cancelled), (AwaitingPayment, Cancelled), (AwaitingRecordation, Cancelled),
        (Draft, Expired), (AwaitingConsents, Expired), (AwaitingExportClearance, Expired), (AwaitingPayment, Expired), (AwaitingRecordation, Expired),
    ];

    public static TheoryData<TransferStatus, TransferStatus> AllPairs()
    {
        var data = new TheoryData<TransferStatus, TransferStatus>();
        foreach (var from in Enum.GetValues<TransferStatus>())
            foreach (var to in Enum.GetValues<TransferStatus>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_pair_of_states_is_allowed_exactly_when_the_workflow_says_so(TransferStatus from, TransferStatus to)
    {
        var allowed = Allowed.Contains((from, to));

        Assert.Equal(allowed, TransferStateMachine.CanMove(from, to));
        if (allowed)
            Assert.Equal(to, TransferStateMachine.Require(from, to));
        else
            Assert.Equal("invalid_transfer_state", Assert.Throws<DomainException>(() => TransferStateMachine.Require(from, to)).Code);
    }

    [Theory]
    [InlineData(Draft, true)]
    [InlineData(AwaitingConsents, true)]
    [InlineData(AwaitingExportClearance, true)]
    [InlineData(AwaitingPayment, true)]
    [InlineData(AwaitingRecordation, true)]
    [InlineData(Completed, false)]
    [InlineData(Cancelled, false)]
    [InlineData(Expired, false)]
    public void Completed_cancelled_and_expired_are_final(TransferStatus status, bool open) =>
        Assert.Equal(open, TransferStateMachine.IsOpen(status));

    [Theory]
    // From draft, the first outstanding step decides; steps whose condition holds are skipped.
    [InlineData(Draft, true, true, false, AwaitingConsents)]
    [InlineData(Draft, false, true, false, AwaitingExportClearance)]
    [InlineData(Draft, false, false, false, AwaitingPayment)]
    [InlineData(AwaitingConsents, true, false, false, AwaitingConsents)]
    [InlineData(AwaitingConsents, false, true, false, AwaitingExportClearance)]
    [InlineData(AwaitingConsents, false, false, false, AwaitingPayment)]
    [InlineData(AwaitingExportClearance, false, false, false, AwaitingPayment)]
    [InlineData(AwaitingPayment, false, false, true, AwaitingRecordation)]
    // A consent asked for late never sends the transfer back.
    [InlineData(AwaitingPayment, true, false, false, AwaitingPayment)]
    [InlineData(AwaitingRecordation, true, true, true, AwaitingRecordation)]
    [InlineData(Completed, true, false, false, Completed)]
    [InlineData(Cancelled, false, false, false, Cancelled)]
    public void Settle_finds_the_first_outstanding_step_and_only_moves_forward(
        TransferStatus current, bool consentsPending, bool exportPending, bool paid, TransferStatus expected) =>
        Assert.Equal(expected, TransferStateMachine.Settle(current, consentsPending, exportPending, paid));

    [Fact]
    public void Statuses_are_named_in_snake_case_as_on_the_wire() =>
        Assert.Equal("awaiting_export_clearance", TransferStateMachine.Wire(AwaitingExportClearance));
}
