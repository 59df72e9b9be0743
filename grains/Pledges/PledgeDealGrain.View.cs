using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>The deal as read: balances projected to today (accrued, not posted), so the portfolio shows live coverage.</summary>
public sealed partial class PledgeDealGrain
{
    private PledgeDealState RequireExists() => S.Exists
        ? S
        : throw DomainException.NotFound("pledge_not_found", $"Pledge deal {Id} does not exist.");

    private void Move(PledgeStatus next, string? action = null, string? detail = null)
    {
        S.Status = PledgeLifecycle.Require(S.Status, next);
        if (action is not null) Log(action, detail);
    }

    private void Log(string action, string? detail = null) =>
        S.History.Add(new PledgeEvent(action, S.Status, CallerContext.Current, clock.GetUtcNow(), detail));

    private PledgeDealView View()
    {
        var s = S;
        var today = Today;
        var balance = PledgeLifecycle.IsLive(s.Status) && today > s.AccruedTo
            ? s.Balance.Accrue(s.Product.AnnualRateBps, s.AccruedTo, today) : s.Balance;
        var items = Items(s.Patents);
        var margin = MarginCheck.Evaluate(s.Product, balance, items, today);
        var live = PledgeLifecycle.IsLive(s.Status);
        Money M(long amount) => new(amount, s.Currency);
        return new PledgeDealView(
            Id, s.Status, s.PledgorId, s.FinancierId, [.. s.Patents], s.Product, s.Agreement, M(s.Principal), s.RegistrationNumber,
            s.DisbursedOn, s.Maturity, [.. s.Schedule],
            M(balance.Principal), M(balance.InterestDue), M(balance.Accrual.Postable), M(balance.Payoff),
            M((long)LoanToValue.CollateralValue(items)),
            live ? margin.Coverage.FloorBps : null, live ? margin.LoanToValue.FloorBps : null,
            live ? Overdue.FirstUnpaid(s.Schedule, s.Payments, today)?.Due : null,
            [.. s.MarginCalls], s.Disposal, s.Loss, [.. s.History], s.AwaitingPledgor, s.CenterId, s.RegisteredOn);
    }
}
