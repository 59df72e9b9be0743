using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>One contractual due date: <see cref="Total"/> is what must be paid by <see cref="Due"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Instalment(int Number, DateOnly Due, long Principal, long Interest)
{
    public long Total => checked(Principal + Interest);
}

/// <summary>
/// Generates a loan's schedule (§8), purely from its terms. Due dates are the disbursement day plus
/// k months (each counted from disbursement, so a 31st stays the 31st where the month has one).
/// Each instalment's interest is the ACT/360 accrual of that period on the principal outstanding,
/// rounded half-even on its own (§2, per line: <see cref="InterestAccrual.Post"/>), i.e. exactly what
/// the deal posts on that due date when paid on time. A prepayment rebuilds the rest (<see cref="Rebuild"/>).
/// <list type="bullet">
/// <item>Bullet: interest monthly, all principal with the last instalment.</item>
/// <item>Equal instalments: every total is <see cref="Annuity.Payment"/> (solved for these very periods),
/// the principal part being that minus the month's interest; the last instalment repays whatever
/// principal is left, absorbing the rounding of the payment and of each post (a few fen at most),
/// so Σ principal = principal exactly. The principal part is clamped to [0, outstanding]: principal
/// never goes negative (no capitalised interest) even where a 31-day month's interest would exceed
/// the level payment (only at absurd rate × term), and a loan of a few fen whose rounded payment
/// repays it early carries only what is left; in both the last instalment absorbs the difference.</item>
/// </list>
/// </summary>
public static class RepaymentSchedules
{
    /// <summary>Days of interest a loan may run past its term (arrears, grace) and still be represented.</summary>
    public const int ArrearsHeadroomDays = 366;

    public static IReadOnlyList<Instalment> Generate(FinancierProduct product, long principal, DateOnly disbursed) =>
        Generate(principal, product.AnnualRateBps, product.TermMonths, product.Schedule, disbursed);

    /// <summary>
    /// Amounts are whole minor units in 64 bits (ledger balances, §9). A loan whose principal plus its worst-case interest
    /// (no principal repaid, every month of 31 days, then <see cref="ArrearsHeadroomDays"/> of arrears) would not fit is
    /// refused (422 <c>principal_too_large</c>, the message gives the largest principal for these terms) instead of
    /// overflowing while its schedule or interest is computed.
    /// </summary>
    public static void RequireRepresentable(long principal, int annualRateBps, int months)
    {
        var growth = InterestAccrual.Denominator + (Int128)annualRateBps * (months * 31L + ArrearsHeadroomDays);
        var max = (Int128)long.MaxValue * InterestAccrual.Denominator / growth;
        if (principal > max)
            throw DomainException.Unprocessable(PledgeCodes.PrincipalTooLarge,
                $"A principal of {principal} minor units at {annualRateBps} bps over {months} months cannot be represented; at most {max} for these terms.",
                "principal.amount");
    }

    public static IReadOnlyList<Instalment> Generate(long principal, int annualRateBps, int months, RepaymentKind kind, DateOnly disbursed)
    {
        if (principal <= 0) throw new ArgumentOutOfRangeException(nameof(principal), "Principal is positive.");
        if (months < 1) throw new ArgumentOutOfRangeException(nameof(months), "At least one instalment.");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown repayment schedule.");
        RequireRepresentable(principal, annualRateBps, months);
        return Lines(principal, annualRateBps, kind, disbursed, [.. Enumerable.Range(1, months).Select(disbursed.AddMonths)], 1);
    }

    /// <summary>
    /// The schedule after a repayment on <paramref name="day"/> left <paramref name="principal"/> outstanding (§8: interest
    /// accrues on outstanding principal, so the lines must follow it). Nothing changes unless principal is now below what
    /// the schedule still has to repay after the day (a prepayment; a payment on schedule, or one that only catches up
    /// arrears, leaves the contract as it is). Then: lines due on or before the day stay as they were; one line dated the
    /// day records what was paid beyond them (its principal = the prepaid principal, its interest = the interest paid
    /// with it), so money paid still fills the lines in order (<see cref="Overdue"/>); and the remaining due dates are
    /// generated afresh from the day on the new principal — same maturity, smaller interest, and for equal instalments a
    /// smaller level payment (the term is kept, the instalment shrinks).
    /// </summary>
    public static IReadOnlyList<Instalment> Rebuild(IReadOnlyList<Instalment> schedule, IReadOnlyList<Payment> payments,
        long principal, int annualRateBps, RepaymentKind kind, DateOnly day)
    {
        if (principal < 0) throw new ArgumentOutOfRangeException(nameof(principal), "Principal is never negative.");
        var kept = schedule.Where(i => i.Due <= day).OrderBy(i => i.Due).ToList();
        var future = schedule.Where(i => i.Due > day).OrderBy(i => i.Due).ToList();
        var scheduled = future.Sum(i => i.Principal);
        if (future.Count == 0 || principal >= scheduled) return schedule;
        var paid = payments.Where(p => p.On <= day).Sum(p => p.Amount);
        var beyond = paid - kept.Sum(i => i.Total);
        var prepaid = scheduled - principal;
        var lines = new List<Instalment>(kept) { new(kept.Count + 1, day, prepaid, Math.Max(0, beyond - prepaid)) };
        if (principal > 0) lines.AddRange(Lines(principal, annualRateBps, kind, day, [.. future.Select(i => i.Due)], kept.Count + 2));
        return lines;
    }

    /// <summary>Lines for <paramref name="dues"/>, interest running from <paramref name="from"/>, numbered from <paramref name="firstNumber"/>.</summary>
    private static List<Instalment> Lines(long principal, int annualRateBps, RepaymentKind kind, DateOnly from, IReadOnlyList<DateOnly> dues, int firstNumber)
    {
        var days = dues.Select((due, i) => due.DayNumber - (i == 0 ? from : dues[i - 1]).DayNumber).ToList();
        var level = kind == RepaymentKind.EqualInstalments ? Annuity.Payment(principal, annualRateBps, days) : 0;
        var balance = LoanBalance.Disbursed(principal);
        var instalments = new List<Instalment>(dues.Count);
        for (var k = 0; k < dues.Count; k++)
        {
            var due = dues[k];
            balance = balance.Accrue(annualRateBps, from, due).PostInterest();
            var interest = balance.InterestDue;
            var repaid = k == dues.Count - 1 ? balance.Principal
                : kind == RepaymentKind.Bullet ? 0
                : Math.Clamp(level - interest, 0, balance.Principal);
            instalments.Add(new Instalment(firstNumber + k, due, repaid, interest));
            balance = balance with { Principal = balance.Principal - repaid, InterestDue = 0 };
            from = due;
        }
        return instalments;
    }
}
