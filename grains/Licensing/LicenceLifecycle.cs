using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Why a licence ended before its term: terminated by the licensor side for an uncured breach, or surrendered by the licensee.</summary>
[GenerateSerializer]
public enum EndingReason
{
    UncuredBreach,
    Surrender,
}

/// <summary>
/// A notice of breach the licensor side gave (the pool's administrator, or a bilateral licensor): what is
/// wrong and by when it must be cured. Cured when the licensor side records it so (<see cref="CuredOn"/>).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record BreachNotice(string Id, string Reason, DateOnly GivenOn, DateOnly CureBy, string? GivenBy, DateTimeOffset GivenAt, DateOnly? CuredOn = null);

/// <summary>A suspension for the uncured breach of <see cref="NoticeId"/>; it ends when that breach is cured.</summary>
[GenerateSerializer]
[Immutable]
public sealed record LicenceSuspension(string NoticeId, DateOnly On, string? By, DateTimeOffset At);

/// <summary>How and when the licence ended: it covered days up to and including <see cref="On"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record LicenceEnding(EndingReason Reason, DateOnly On, string? By, DateTimeOffset At, string? NoticeId);

/// <summary>
/// The licence lifecycle (§4, §5), pure. Active → suspended → active again (cured) or terminated; active →
/// terminated (uncured breach after notice, or surrender); a licence whose term has passed is expired.
/// Termination and suspension need a notice of breach whose cure period has run out uncured: notice →
/// cure period (at least <see cref="MinCureDays"/> days) → terminate if uncured. What a licence owes survives
/// its end: invoices issued stay payable, and periods that began on or before the last day it covered may
/// still be reported; later periods may not.
/// </summary>
public static class LicenceLifecycle
{
    public const int MinCureDays = 30;
    public const int MaxCureDays = 180;
    public const int DefaultCureDays = 30;
    public const int MaxReasonLength = 2_000;

    public static LicenceStatus StatusOn(LicenceEnding? ending, LicenceSuspension? suspension, DateOnly? end, DateOnly today) =>
        ending is not null ? LicenceStatus.Terminated
        : suspension is not null ? LicenceStatus.Suspended
        : end < today ? LicenceStatus.Expired
        : LicenceStatus.Active;

    /// <summary>The cure date of a notice given on <paramref name="givenOn"/>: the last day the licensee has to cure.</summary>
    public static DateOnly CureBy(DateOnly givenOn, int cureDays)
    {
        if (cureDays is < MinCureDays or > MaxCureDays)
            throw DomainException.Invalid("invalid_cure_period", "curePeriodDays", $"A cure period is {MinCureDays} to {MaxCureDays} days.");
        return givenOn.AddDays(cureDays);
    }

    /// <summary>
    /// The notice that lets the licensor side suspend or terminate on <paramref name="today"/>: the open
    /// (uncured) one, once its cure date has passed. 422 <c>no_breach_notice</c> without an open notice,
    /// 422 <c>cure_period_running</c> until the day after its cure date.
    /// </summary>
    public static BreachNotice UncuredAfterCurePeriod(IEnumerable<BreachNotice> notices, DateOnly today)
    {
        var open = notices.LastOrDefault(n => n.CuredOn is null)
            ?? throw DomainException.Unprocessable("no_breach_notice", "Give a notice of breach first; a licence is suspended or terminated only for a breach left uncured after notice.");
        if (today <= open.CureBy)
            throw DomainException.Unprocessable("cure_period_running", $"Notice {open.Id} gives the licensee until {open.CureBy:yyyy-MM-dd} to cure.");
        return open;
    }

    /// <summary>A period may be reported unless it began after the last day an ended licence covered (422 <c>licence_terminated</c>).</summary>
    public static void RequireReportable(LicenceEnding? ending, ReportingPeriod period)
    {
        if (ending is not null && period.FirstDay > ending.On)
            throw DomainException.Unprocessable("licence_terminated",
                $"The licence ended on {ending.On:yyyy-MM-dd}; {period} began after it. Periods up to the end can still be reported.", "period");
    }

    /// <summary>Nothing changes on an ended licence but its invoices' payments (409 <c>licence_terminated</c>).</summary>
    public static void RequireNotEnded(LicenceEnding? ending)
    {
        if (ending is not null)
            throw DomainException.Conflict("licence_terminated", $"The licence ended on {ending.On:yyyy-MM-dd} ({ending.Reason}).");
    }
}
