using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// Breach notices, cure, suspension, termination and surrender (<see cref="LicenceLifecycle"/>). Who may act is
/// the gateway's check (the licensor side: the pool's administrator or the bilateral licensor; the licensee for
/// surrender). An ended licence is taken off the pool's public licensee list and off its patents from the day after.
/// </summary>
public sealed partial class LicenceGrain
{
    public async Task<LicenceView> GiveBreachNotice(string reason, int cureDays)
    {
        var state = RequireExists();
        LicenceLifecycle.RequireNotEnded(state.Ending);
        if (string.IsNullOrWhiteSpace(reason))
            throw DomainException.Invalid("required", "reason", "Say what the breach is.");
        if (reason.Length > LicenceLifecycle.MaxReasonLength)
            throw DomainException.Invalid("too_long", "reason", $"At most {LicenceLifecycle.MaxReasonLength} characters.");
        var today = Today;
        var cureBy = LicenceLifecycle.CureBy(today, cureDays);
        reason = reason.Trim();
        if (state.BreachNotices.LastOrDefault(n => n.CuredOn is null) is { } open)
            return open.Reason == reason && open.GivenOn == today && open.CureBy == cureBy
                ? View() // the same notice again (a retry)
                : throw DomainException.Conflict("breach_notice_open", $"Notice {open.Id} is not cured yet (cure by {open.CureBy:yyyy-MM-dd}).");
        state.BreachNotices.Add(new BreachNotice($"bn_{state.BreachNotices.Count + 1}", reason, today, cureBy, CallerContext.Current, clock.GetUtcNow()));
        await licence.WriteStateAsync();
        return View();
    }

    public async Task<LicenceView> CureBreach(string noticeId)
    {
        var state = RequireExists();
        var index = state.BreachNotices.FindIndex(n => n.Id == noticeId);
        if (index < 0) throw DomainException.NotFound("breach_notice_not_found", $"Licence {this.GetPrimaryKeyString()} has no notice {noticeId}.");
        if (state.BreachNotices[index].CuredOn is not null) return View();
        LicenceLifecycle.RequireNotEnded(state.Ending);
        state.BreachNotices[index] = state.BreachNotices[index] with { CuredOn = Today };
        if (state.Suspension?.NoticeId == noticeId) state.Suspension = null; // cured: the licence is active again
        await licence.WriteStateAsync();
        return View();
    }

    public async Task<LicenceView> Suspend()
    {
        var state = RequireExists();
        LicenceLifecycle.RequireNotEnded(state.Ending);
        if (state.Suspension is not null) return View();
        var notice = LicenceLifecycle.UncuredAfterCurePeriod(state.BreachNotices, Today);
        state.Suspension = new LicenceSuspension(notice.Id, Today, CallerContext.Current, clock.GetUtcNow());
        await licence.WriteStateAsync();
        return View();
    }

    public async Task<LicenceView> Terminate()
    {
        var state = RequireExists();
        if (state.Ending is { Reason: EndingReason.UncuredBreach })
        {
            await Withdraw(state); // finishes what a call that failed after its write left undone
            return View();
        }
        LicenceLifecycle.RequireNotEnded(state.Ending);
        var notice = LicenceLifecycle.UncuredAfterCurePeriod(state.BreachNotices, Today);
        return await End(state, new LicenceEnding(EndingReason.UncuredBreach, Today, CallerContext.Current, clock.GetUtcNow(), notice.Id));
    }

    public async Task<LicenceView> Surrender()
    {
        var state = RequireExists();
        if (state.Ending is { Reason: EndingReason.Surrender })
        {
            await Withdraw(state);
            return View();
        }
        LicenceLifecycle.RequireNotEnded(state.Ending);
        if (state.Scope.End < Today)
            throw DomainException.Conflict("licence_expired", $"The licence expired after {state.Scope.End:yyyy-MM-dd}; there is nothing to surrender.");
        return await End(state, new LicenceEnding(EndingReason.Surrender, Today, CallerContext.Current, clock.GetUtcNow(), null));
    }

    private async Task<LicenceView> End(LicenceState state, LicenceEnding ending)
    {
        state.Ending = ending;
        state.Suspension = null;
        // The pool's public list drops the licence in the same transaction as the ending.
        if (state.Type == LicenceType.Pool)
            poolRows.Stage(state.Terms.PoolId!, new PoolLicensee(this.GetPrimaryKeyString(), state.LicenseeId, state.Scope.Start,
                state.Terms.RateCardVersion ?? 0, state.Terms.RoyaltyFree, ending.On));
        await licence.WriteStateAsync();
        await Withdraw(state);
        return View();
    }

    /// <summary>
    /// Each patent records the licence as ending on the last day it covered (idempotent). (The pool's public list left it in
    /// the ending's own write, <see cref="End"/>.)
    /// </summary>
    private async Task Withdraw(LicenceState state)
    {
        var endedOn = state.Ending!.On;
        foreach (var number in state.Patents)
            await GrainFactory.GetGrain<IPatentGrain>(number).EndLicence(this.GetPrimaryKeyString(), endedOn);
    }
}
