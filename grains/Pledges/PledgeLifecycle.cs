using PatentNav.Market.Grains.Common;
using static PatentNav.Market.Grains.Pledges.PledgeStatus;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>Where a pledge deal stands (§8). Overdue is a live loan in arrears; Released and Closed are final.</summary>
[GenerateSerializer]
public enum PledgeStatus
{
    Applied, Appraised, Approved, Registered, Active, Overdue, Repaid, Released, Defaulted, Disposing, Settled, Closed,
}

/// <summary>
/// The deal lifecycle as a pure table, so the grain can never skip a step (e.g. disburse before the pledge is
/// registered, when the patents are not yet encumbered). Renewal and re-appraisal stay in place (X → X).
/// </summary>
public static class PledgeLifecycle
{
    private static readonly Dictionary<PledgeStatus, PledgeStatus[]> Next = new()
    {
        [Applied] = [Appraised],
        [Appraised] = [Appraised, Approved],
        [Approved] = [Registered],
        [Registered] = [Active],
        [Active] = [Active, PledgeStatus.Overdue, Repaid, Defaulted],
        [PledgeStatus.Overdue] = [Active, Repaid, Defaulted],
        [Repaid] = [Released],
        [Defaulted] = [Disposing],
        [Disposing] = [Settled],
        [Settled] = [Closed],
        [Released] = [],
        [Closed] = [],
    };

    public static bool CanMove(PledgeStatus from, PledgeStatus to) => Next[from].Contains(to);

    /// <summary>Throws 409 <c>invalid_pledge_state</c> unless the move is allowed.</summary>
    public static PledgeStatus Require(PledgeStatus from, PledgeStatus to) => CanMove(from, to)
        ? to
        : throw DomainException.Conflict("invalid_pledge_state", $"A pledge deal that is {Wire(from)} cannot become {Wire(to)}.");

    /// <summary>
    /// Disbursement is the one move registered → active. Active → active (renewal) and overdue → active (arrears cured)
    /// are moves too, but lending the principal a second time is not (409 <c>invalid_pledge_state</c>).
    /// </summary>
    public static PledgeStatus RequireDisbursable(PledgeStatus from) => from == Registered
        ? Require(from, Active)
        : throw DomainException.Conflict("invalid_pledge_state", $"A pledge deal that is {Wire(from)} cannot be disbursed; only a registered one can.");

    /// <summary>Money is lent and interest runs.</summary>
    public static bool IsLive(PledgeStatus status) => status is Active or PledgeStatus.Overdue;

    /// <summary>The patents are encumbered: from registration until release or close.</summary>
    public static bool Encumbers(PledgeStatus status) => status is not (Applied or Appraised or Approved or Released or Closed);

    public static bool IsFinal(PledgeStatus status) => Next[status].Length == 0;

    public static string Wire(PledgeStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
