using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Patents;

/// <summary>
/// When a granted patent stopped being in force before its term ended: it <c>Lapsed</c> (终止, e.g. an annuity left
/// unpaid: the right ends from the due date of that annuity) or was <c>Invalidated</c> (宣告无效, the date of the
/// decision). The patent is in force on the days before <c>On</c>. <c>Reference</c> is the CNIPA notice or decision
/// number, if given.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record EndOfForce(LegalStatus Status, DateOnly On, string? Reference, DateTimeOffset RecordedAt, string? RecordedBy)
{
    public const int MaxReferenceLength = 100;

    /// <summary>
    /// Checks a new end of force against the patent as recorded; returns false when exactly this end is recorded already
    /// (a repeat, nothing to do). Refusals: 400 <c>invalid_status</c> (only lapsed or invalidated), <c>date_in_future</c>,
    /// <c>too_long</c>; 422 <c>patent_not_granted</c> (applications neither lapse by annuity nor are invalidated),
    /// <c>date_before_grant</c>, <c>date_after_expiry</c> (the term had ended already); 409 <c>end_of_force_recorded</c>
    /// when another end was recorded.
    /// </summary>
    public static bool Check(EndOfForce? recorded, LegalStatus recordedStatus, DateOnly? grantDate, DateOnly expiresOn,
        LegalStatus status, DateOnly on, string? reference, DateOnly today)
    {
        if (status is not (LegalStatus.Lapsed or LegalStatus.Invalidated))
            throw DomainException.Invalid("invalid_status", "status", "An end of force is lapsed or invalidated.");
        if (on > today) throw DomainException.Invalid("date_in_future", "date", "A lapse or invalidation cannot be dated in the future.");
        if (reference is { Length: > MaxReferenceLength })
            throw DomainException.Invalid("too_long", "reference", $"At most {MaxReferenceLength} characters.");
        if (recorded is { } done)
            return done.Status == status && done.On == on
                ? false
                : throw DomainException.Conflict("end_of_force_recorded",
                    $"The patent is recorded as {done.Status.ToString().ToLowerInvariant()} from {done.On:yyyy-MM-dd}.", "date");
        // A status set without a date (PATCH, or before dates were recorded) may be given its date now.
        if (recordedStatus == LegalStatus.Pending || grantDate is null)
            throw DomainException.Unprocessable("patent_not_granted", "Only a granted patent lapses or is invalidated.", "status");
        if (on < grantDate)
            throw DomainException.Unprocessable("date_before_grant", $"The patent was granted on {grantDate:yyyy-MM-dd}.", "date");
        if (on >= expiresOn)
            throw DomainException.Unprocessable("date_after_expiry", $"The patent's term ended on {expiresOn:yyyy-MM-dd}.", "date");
        return true;
    }

    /// <summary>
    /// The first day the patent no longer counts in distributions: the end of force if recorded, else the end of the term.
    /// A patent marked lapsed or invalidated without a date has no day in force (null): the market cannot tell until when it was.
    /// </summary>
    public static DateOnly? InForceUntil(LegalStatus status, EndOfForce? end, DateOnly expiresOn) =>
        end is { } e ? (e.On < expiresOn ? e.On : expiresOn)
        : status is LegalStatus.Lapsed or LegalStatus.Invalidated ? null
        : expiresOn;
}
