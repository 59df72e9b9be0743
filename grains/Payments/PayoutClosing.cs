using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

/// <summary>
/// Which payouts may be closed by hand, and how (pure). An offline payout waits for the operator: confirmed (the bank's
/// reference and day) or cancelled (money back to the payable). A Stripe payout in flight resumes by itself for
/// <see cref="AutomaticResumeWindow"/>; after that only the admin's review, having checked Stripe, closes it.
/// Each answers false when the very same closing is recorded already (a repeat: nothing to do).
/// </summary>
public static class PayoutClosing
{
    public const string Confirmed = "confirmed", Cancelled = "cancelled", Reviewed = "reviewed";
    public const int MaxReasonLength = 2000;

    /// <summary>
    /// Stripe keeps idempotency keys for at least 24 hours. Past that, repeating a transfer whose first
    /// answer was lost could pay twice, so an older payout in flight waits for the admin's review instead.
    /// </summary>
    public static readonly TimeSpan AutomaticResumeWindow = TimeSpan.FromHours(23);

    public static bool IsStale(Payout payout, DateTimeOffset now) => now - payout.CreatedAt > AutomaticResumeWindow;

    /// <summary>
    /// 409 <c>invalid_payout_state</c> (not an offline payout), <c>payout_cancelled</c>, <c>payout_already_confirmed</c>
    /// (confirmed with another reference or day); 400 <c>date_in_future</c>; 422 <c>paid_before_payout</c> (before the day it was ordered).
    /// </summary>
    public static bool RequireConfirmable(Payout payout, string bankReference, DateOnly paidOn, DateOnly today)
    {
        RequireOffline(payout);
        if (payout.Status == PayoutStatus.Cancelled)
            throw DomainException.Conflict("payout_cancelled", $"Payout {payout.Id} was cancelled; order a new payout.");
        if (payout.Status == PayoutStatus.Paid)
            return payout.Settlement is { Action: Confirmed } s && s.BankReference == bankReference && s.PaidOn == paidOn
                ? false
                : throw DomainException.Conflict("payout_already_confirmed", $"Payout {payout.Id} was confirmed with bank reference {payout.Settlement?.BankReference}.", "bankReference");
        if (paidOn > today) throw DomainException.Invalid("date_in_future", "paidOn", "A bank transfer cannot be dated in the future.");
        if (paidOn < MarketClock.DayOf(payout.CreatedAt))
            throw DomainException.Unprocessable("paid_before_payout", $"Payout {payout.Id} was ordered on {MarketClock.DayOf(payout.CreatedAt):yyyy-MM-dd}.", "paidOn");
        return true;
    }

    /// <summary>409 <c>invalid_payout_state</c> (not offline), <c>payout_already_confirmed</c> (the money has left: nothing to cancel).</summary>
    public static bool RequireCancellable(Payout payout)
    {
        RequireOffline(payout);
        if (payout.Status == PayoutStatus.Cancelled) return false;
        if (payout.Status == PayoutStatus.Paid)
            throw DomainException.Conflict("payout_already_confirmed", $"Payout {payout.Id} was confirmed as transferred; it cannot be cancelled.");
        return true;
    }

    /// <summary>
    /// 409 <c>invalid_payout_state</c> (not a Stripe payout in flight, or resolved otherwise), <c>payout_not_stale</c> (still
    /// inside the automatic window: repeat the payout request instead); 400 <c>required</c> on <c>transferId</c> for a paid outcome.
    /// </summary>
    public static bool RequireReviewable(Payout payout, PayoutReview review, DateTimeOffset now)
    {
        if (payout.Provider != LicensorPayoutsGrain.Stripe)
            throw DomainException.Conflict("invalid_payout_state", $"Payout {payout.Id} is an {payout.Provider} payout; confirm or cancel it instead.");
        if (payout.Status != PayoutStatus.InFlight)
            return payout.Settlement is { Action: Reviewed } s && s.Reason == review.Outcome.ToString() && s.TransferId == review.TransferId
                ? false
                : throw DomainException.Conflict("invalid_payout_state", $"Payout {payout.Id} is {payout.Status}, not in flight.");
        if (!IsStale(payout, now))
            throw DomainException.Conflict("payout_not_stale",
                $"Payout {payout.Id} resumes by itself until {payout.CreatedAt + AutomaticResumeWindow:O}; repeat the payout request instead.");
        if (review.Outcome == PayoutReviewOutcome.Paid && string.IsNullOrWhiteSpace(review.TransferId))
            throw DomainException.Invalid("required", "transferId", "Name the Stripe transfer (tr_…) that paid it.");
        return true;
    }

    private static void RequireOffline(Payout payout)
    {
        if (payout.Provider != PaymentReferences.Offline)
            throw DomainException.Conflict("invalid_payout_state", $"Payout {payout.Id} is a {payout.Provider} payout; only offline payouts are confirmed or cancelled by hand.");
    }
}
