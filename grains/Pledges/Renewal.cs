using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Renewal (续贷, §8): a new maturity is granted only if nothing is overdue on the day and the
/// collateral, on valuations at most 12 months old, still passes the approval LTV check for the
/// principal outstanding. It reuses <see cref="CollateralCheck"/> so renewal can never be laxer
/// than approval; the grain then regenerates the schedule for the remaining principal.
/// </summary>
public static class Renewal
{
    /// <summary>Returns <paramref name="newMaturity"/> if the renewal may go ahead; throws the first refusal.</summary>
    public static DateOnly Check(FinancierProduct product, LoanBalance balance, IReadOnlyList<CollateralItem> collateral,
        IReadOnlyList<Instalment> schedule, IReadOnlyList<Payment> payments, DateOnly currentMaturity, DateOnly newMaturity, DateOnly day)
    {
        if (newMaturity <= currentMaturity || newMaturity <= day)
            throw DomainException.Invalid("invalid_maturity", "newMaturity", "A renewal moves maturity later than both today and the current maturity.");
        if (Overdue.FirstOverdue(schedule, payments, day) is { } overdue)
            throw DomainException.Unprocessable(PledgeCodes.Overdue,
                $"Instalment {overdue.Number} due {overdue.Due:yyyy-MM-dd} is unpaid; settle arrears before renewing.");
        if (balance.Principal > 0) CollateralCheck.Approve(product, balance.Principal, collateral, day);
        else CollateralCheck.RequireUsable(collateral, product.Currency, day);
        return newMaturity;
    }
}
