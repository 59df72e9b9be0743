namespace PatentNav.Market.Grains.Pledges;

/// <summary>Money received from the borrower on a day, in minor units.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Payment(DateOnly On, long Amount);

/// <summary>
/// Arrears against the schedule (§8), a pure function of schedule, payments and day. The schedule is
/// the contract: payments made on or before the day fill instalments in due-date order, and the first
/// instalment they do not fully cover is the one in arrears. It is overdue the day after its due date
/// and a default once more than the grace days have passed (a payment on the last grace day still
/// counts). The predicate describes the day asked about; recording the default event and its
/// consequences (acceleration, disposal) is the deal's job, so a later catch-up does not erase it.
/// </summary>
public static class Overdue
{
    /// <summary>The earliest instalment not fully paid by the end of <paramref name="day"/>, or null.</summary>
    public static Instalment? FirstUnpaid(IReadOnlyList<Instalment> schedule, IReadOnlyList<Payment> payments, DateOnly day)
    {
        var paid = payments.Where(p => p.On <= day).Aggregate(0L, (sum, p) => checked(sum + p.Amount));
        long due = 0;
        foreach (var instalment in schedule.OrderBy(i => i.Due))
        {
            due = checked(due + instalment.Total);
            if (due > paid) return instalment;
        }
        return null;
    }

    /// <summary>The instalment past its due date and unpaid on <paramref name="day"/>, or null.</summary>
    public static Instalment? FirstOverdue(IReadOnlyList<Instalment> schedule, IReadOnlyList<Payment> payments, DateOnly day) =>
        FirstUnpaid(schedule, payments, day) is { } unpaid && day > unpaid.Due ? unpaid : null;

    public static bool IsOverdue(IReadOnlyList<Instalment> schedule, IReadOnlyList<Payment> payments, DateOnly day) =>
        FirstOverdue(schedule, payments, day) is not null;

    /// <summary>Overdue beyond grace: day &gt; due + <paramref name="graceDays"/> with the instalment still unpaid.</summary>
    public static bool IsInDefault(IReadOnlyList<Instalment> schedule, IReadOnlyList<Payment> payments, DateOnly day, int graceDays) =>
        FirstOverdue(schedule, payments, day) is { } overdue && day > overdue.Due.AddDays(graceDays);
}
