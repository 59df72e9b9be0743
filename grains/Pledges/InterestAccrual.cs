namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Interest of a pledge loan, accrued daily ACT/360 on outstanding principal (§8) and kept exact:
/// one day on principal P at r bps is P × r / 3 600 000 minor units, so <see cref="Exact"/> counts
/// 1/<see cref="Denominator"/> minor units and every accrual is an integer. Nothing is rounded
/// until <see cref="Post"/> (monthly, and at repayment).
/// <para>
/// <see cref="Post"/> returns round_half_even(Exact / D) − <see cref="Posted"/>: it rounds the
/// carried remainder (exact minus posted so far, within ±½ unit) plus the new accrual. Hence the
/// total posted is always the rounded exact total: it never drifts from the exact interest by more
/// than ½ minor unit however often one posts, so posting monthly and posting once at the end give
/// the same total; each single post differs from that period's exact interest by at most one
/// minor unit (its own rounding, ≤ ½, plus the remainder carried in, ≤ ½).
/// </para>
/// </summary>
/// <param name="Exact">Interest accrued since disbursement, in 1/<see cref="Denominator"/> minor units.</param>
/// <param name="Posted">Interest posted since disbursement, in minor units.</param>
[GenerateSerializer]
[Immutable]
public sealed record InterestAccrual(Int128 Exact, long Posted)
{
    /// <summary>10 000 bps × 360 days (ACT/360).</summary>
    public const long Denominator = 3_600_000;

    public static readonly InterestAccrual None = new(0, 0);

    /// <summary>Accrued but not yet posted, exact; may be slightly negative (down to −½ unit) right after a post rounded up.</summary>
    public Int128 Unposted => Exact - (Int128)Posted * Denominator;

    /// <summary>
    /// Adds interest for the days [<paramref name="from"/>, <paramref name="to"/>): interest runs from the
    /// disbursement day and stops the day principal is repaid, so a day is counted once. Call once per
    /// range over which principal and rate are constant.
    /// </summary>
    public InterestAccrual Accrue(long principal, int annualRateBps, DateOnly from, DateOnly to)
    {
        if (principal < 0) throw new ArgumentOutOfRangeException(nameof(principal), "Principal is never negative.");
        if (annualRateBps < 0) throw new ArgumentOutOfRangeException(nameof(annualRateBps), "Rates are never negative.");
        if (to < from) throw new ArgumentOutOfRangeException(nameof(to), "Interest runs forwards in time.");
        var days = to.DayNumber - from.DayNumber;
        return this with { Exact = checked(Exact + (Int128)principal * annualRateBps * days) };
    }

    /// <summary>Posts what has accrued: the half-even rounded minor units due now, and the accrual carrying the remainder.</summary>
    public (long Amount, InterestAccrual After) Post()
    {
        var total = checked((long)Rational.RoundHalfEven(Exact, (Int128)Denominator));
        var amount = total - Posted; // ≥ 0: Exact never falls and rounding is monotone
        return (amount, this with { Posted = total });
    }

    /// <summary>What <see cref="Post"/> would return now, without posting.</summary>
    public long Postable => Post().Amount;
}
