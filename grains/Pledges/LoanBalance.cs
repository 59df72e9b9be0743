namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// What a borrower owes (§8): outstanding <see cref="Principal"/>, <see cref="InterestDue"/> (posted,
/// unpaid) and the exact <see cref="Accrual"/> not yet posted. Principal and interest due are whole
/// minor units because they are ledger balances (§9); only the accrual carries fractions.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record LoanBalance(long Principal, long InterestDue, InterestAccrual Accrual)
{
    public static LoanBalance Disbursed(long principal) => new(principal, 0, InterestAccrual.None);

    /// <summary>
    /// Principal + interest due + unposted accrual, exact, in 1/<see cref="InterestAccrual.Denominator"/> minor units
    /// (never negative: a post settles its own rounding, so the unposted accrual is ≥ 0).
    /// </summary>
    public Int128 ExposureExact =>
        Int128.Max(0, checked(((Int128)Principal + InterestDue) * InterestAccrual.Denominator + Accrual.Unposted));

    /// <summary>Accrues interest on the current principal over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public LoanBalance Accrue(int annualRateBps, DateOnly from, DateOnly to) =>
        this with { Accrual = Accrual.Accrue(Principal, annualRateBps, from, to) };

    /// <summary>Moves the accrual, rounded half-even per post (§2), into <see cref="InterestDue"/>.</summary>
    public LoanBalance PostInterest()
    {
        var (amount, after) = Accrual.Post();
        return this with { InterestDue = checked(InterestDue + amount), Accrual = after };
    }

    /// <summary>The amount that settles the loan today: principal plus interest due once the accrual is posted.</summary>
    public long Payoff => checked(Principal + InterestDue + Accrual.Postable);
}
