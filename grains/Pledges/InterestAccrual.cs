namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Interest of a pledge loan, accrued daily ACT/360 on outstanding principal (§8) and kept exact:
/// one day on principal P at r bps is P × r / 3 600 000 minor units, so <see cref="Exact"/> counts
/// 1/<see cref="Denominator"/> minor units and every accrual is an integer. Nothing is rounded
/// until <see cref="Post"/> (monthly, and at repayment).
/// <para>
/// §2 rounds when an amount is posted, half-even, <b>per line</b>: <see cref="Post"/> returns
/// round_half_even(what accrued since the last post) and settles that post's rounding there, so no
/// fraction carries into the next month. A schedule line's interest is therefore exactly its own
/// period's interest rounded (445 000 000 fen × 435 bps × 31 days / 360 = 1 666 895.83 → 1 666 896,
/// whatever the months before left over), and the borrower can check every line on its own. The
/// price is that monthly posts may sum to a few fen more or less than one post over the whole term
/// (at most ½ unit per post).
/// </para>
/// </summary>
/// <param name="Exact">Interest accrued since disbursement, in 1/<see cref="Denominator"/> minor units, each post's rounding settled into it.</param>
/// <param name="Posted">Interest posted since disbursement, in minor units.</param>
[GenerateSerializer]
[Immutable]
public sealed record InterestAccrual(Int128 Exact, long Posted)
{
    /// <summary>10 000 bps × 360 days (ACT/360).</summary>
    public const long Denominator = 3_600_000;

    public static readonly InterestAccrual None = new(0, 0);

    /// <summary>Accrued since the last post, exact; never negative (a post settles its own rounding).</summary>
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

    /// <summary>Posts what has accrued since the last post, rounded half-even; the fraction rounded away is settled, not carried.</summary>
    public (long Amount, InterestAccrual After) Post()
    {
        var amount = checked((long)Rational.RoundHalfEven(Unposted, (Int128)Denominator)); // ≥ 0: Unposted is
        var posted = checked(Posted + amount);
        return (amount, new InterestAccrual((Int128)posted * Denominator, posted));
    }

    /// <summary>What <see cref="Post"/> would return now, without posting.</summary>
    public long Postable => Post().Amount;
}
