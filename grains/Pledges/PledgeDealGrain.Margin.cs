using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>Coverage monitoring (pure <see cref="MarginCheck"/>), arrears (pure <see cref="Overdue"/>) and renewal (pure <see cref="Renewal"/>).</summary>
public sealed partial class PledgeDealGrain
{
    public async Task<PledgeDealView> Revalue()
    {
        RequireExists();
        RequireLive();
        await CatchUp();
        await Monitor(await ReadCollateral());
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> AddCollateral(string number, string registrationNumber)
    {
        var s = RequireExists();
        if (s.Patents.Any(p => p.Number == number)) return View(); // added already: a repeat
        RequireLive();
        var registration = RequireRegistrationNumber(registrationNumber);
        var patent = await GrainFactory.GetGrain<IPatentGrain>(number).Get()
            ?? throw DomainException.Unprocessable("unknown_patent", $"Patent {number} is not registered.", "number");
        if (!patent.OwnerIds.Contains(s.PledgorId))
            throw DomainException.Unprocessable("not_owner", $"Party {s.PledgorId} does not own patent {patent.Number}.", "number");
        if (!patent.Status.IsInForce())
            throw DomainException.Unprocessable("patent_not_in_force", $"Patent {patent.Number} is {patent.Status}.", "number");
        if (patent.PledgeeId is { } other && other != s.FinancierId)
            throw DomainException.Conflict("patent_already_pledged", $"Patent {patent.Number} is pledged to {other}.", "number");
        var valuation = Valuation.InEffect(patent.Valuations, Today)
            ?? throw DomainException.Unprocessable("no_valuation", $"Patent {patent.Number} has no valuation in effect; appraise it first.", "number");
        var item = new CollateralItem(patent.Type, valuation.Value, valuation.EffectiveDate);
        CollateralCheck.RequireUsable(item, s.Currency, Today, "number");
        await CatchUp();
        RequireLive(); // catching up may have found an event of default
        // Idempotent, so a re-run after a failed write repeats it harmlessly.
        await GrainFactory.GetGrain<IPatentGrain>(number).SetPledge(s.FinancierId);
        s.Patents.Add(new PledgedPatent(patent.Number, item, registration));
        Log("collateral_added", $"{patent.Number} valued {valuation.Value}, registration {registration}");
        await Monitor(await ReadCollateral());
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> Renew(DateOnly newMaturity)
    {
        var s = RequireExists();
        RequireLive();
        await CatchUp();
        var collateral = await ReadCollateral();
        Renewal.Check(s.Product, s.Balance, Items(collateral), s.Schedule, s.Payments, s.Maturity!.Value, newMaturity, Today);
        Move(PledgeStatus.Active);
        s.Patents = collateral;
        // The new schedule runs from today for the principal left; months rounded up so maturity is never earlier than asked.
        var months = Math.Max(1, (newMaturity.Year - Today.Year) * 12 + newMaturity.Month - Today.Month + (newMaturity.Day > Today.Day ? 1 : 0));
        if (s.Balance.Principal > 0)
        {
            s.Schedule = [.. RepaymentSchedules.Generate(s.Balance.Principal, s.Product.AnnualRateBps, months, s.Product.Schedule, Today)];
            s.Payments = [];
        }
        s.Maturity = s.Schedule.Count > 0 ? s.Schedule[^1].Due : newMaturity;
        Log("renewed", $"maturity {s.Maturity:yyyy-MM-dd}");
        await deal.WriteStateAsync();
        return View();
    }

    /// <summary>Raises a margin call when LTV passes cap + buffer; an open call past its cure date is an event of default.</summary>
    private Task Monitor(List<PledgedPatent> collateral)
    {
        var s = S;
        s.Patents = collateral;
        if (!PledgeLifecycle.IsLive(s.Status)) return Task.CompletedTask;
        var status = MarginCheck.Evaluate(s.Product, s.Balance, Items(collateral), Today);
        if (status.CallNeeded && s.OpenCall is null)
        {
            s.MarginCalls.Add(new MarginCall(s.MarginCalls.Count + 1, Today, status.CureBy!.Value, null));
            Log("margin_call", $"cure by {status.CureBy:yyyy-MM-dd}, LTV {status.LoanToValue.FloorBps} bps");
        }
        CureIfCovered();
        return Task.CompletedTask;
    }

    /// <summary>A repayment or a higher valuation that brings LTV back within cap + buffer cures the open call.</summary>
    private void CureIfCovered()
    {
        var s = S;
        if (s.OpenCall is not { } call) return;
        if (MarginCheck.CallNeeded(s.Product.LtvCaps, s.Product.MarginBufferBps, s.Balance, Items(s.Patents))) return;
        s.MarginCalls[s.MarginCalls.IndexOf(call)] = call with { CuredOn = Today };
        Log("margin_call_cured", $"call {call.Number}");
    }

    /// <summary>Overdue from the day after a due date; past grace, or past a margin call's cure date, the loan defaults.</summary>
    private Task CheckArrears()
    {
        var s = S;
        var today = Today;
        if (!PledgeLifecycle.IsLive(s.Status)) return Task.CompletedTask;
        if (s.OpenCall is { } call && today > call.CureBy)
        {
            s.MarginCalls[s.MarginCalls.IndexOf(call)] = call with { Defaulted = true };
            Default($"margin call {call.Number} not cured by {call.CureBy:yyyy-MM-dd}");
        }
        else if (Overdue.IsInDefault(s.Schedule, s.Payments, today, s.Product.GraceDays))
            Default($"instalment {Overdue.FirstOverdue(s.Schedule, s.Payments, today)!.Number} unpaid past {s.Product.GraceDays} grace days");
        else if (Overdue.IsOverdue(s.Schedule, s.Payments, today)) { if (s.Status != PledgeStatus.Overdue) Move(PledgeStatus.Overdue, "overdue"); }
        else if (s.Status == PledgeStatus.Overdue) Move(PledgeStatus.Active, "arrears_cleared");
        return Task.CompletedTask;
    }

    private void RequireLive()
    {
        if (!PledgeLifecycle.IsLive(S.Status))
            throw DomainException.Conflict("invalid_pledge_state", $"Pledge deal {Id} is {PledgeLifecycle.Wire(S.Status)}; the loan is not running.");
    }
}
