using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// A pool's published rate cards, oldest first. Publishing appends a new version; nothing
/// published is ever changed. The version in force on a day is the highest version whose
/// effective date is on or before that day.
/// </summary>
public static class RateCardHistory
{
    /// <summary>The card in force on <paramref name="day"/>, or null before the first takes effect.</summary>
    public static RateCard? InForceOn(IReadOnlyList<RateCard> published, DateOnly day) =>
        published.Where(c => c.EffectiveFrom <= day).MaxBy(c => c.Version);

    /// <summary>
    /// The terms a licence that locked <paramref name="lockedVersion"/> pays on <paramref name="day"/>: per rate and cap the
    /// lower of the locked card and the card in force (most-favoured licensee, §5). 404 <c>rate_card_not_found</c>.
    /// </summary>
    public static RateCard TermsFor(IReadOnlyList<RateCard> published, int lockedVersion, DateOnly day, string poolId)
    {
        var locked = published.FirstOrDefault(c => c.Version == lockedVersion)
            ?? throw DomainException.NotFound("rate_card_not_found", $"Pool {poolId} has no rate card version {lockedVersion}.");
        var inForce = InForceOn(published, day);
        // Only later versions can improve on the locked terms; the locked card itself (or an older one) leaves them as they are.
        return inForce is null || inForce.Version <= locked.Version ? locked : MostFavouredTerms.Merge(locked, inForce);
    }

    /// <summary>
    /// Checks <paramref name="next"/> can follow <paramref name="published"/>: well formed and effective
    /// from today or later (<see cref="RateCardRules"/>), numbered one above the latest (409
    /// <c>version_conflict</c>), effective no earlier than the latest (422), and within the charter's
    /// increase limit (<see cref="RateCardGuard"/>). Returns the list with <paramref name="next"/> appended.
    /// </summary>
    public static IReadOnlyList<RateCard> Publish(IReadOnlyList<RateCard> published, RateCard next, DateOnly today,
        int limitBps = RateCardGuard.DefaultLimitBps)
    {
        RateCardRules.Validate(next, today);
        var latest = published.Count == 0 ? null : published[^1];
        var expected = (latest?.Version ?? 0) + 1;
        if (next.Version != expected)
            throw DomainException.Conflict("version_conflict", $"The next version is {expected}.", "version");
        if (latest is not null)
        {
            if (next.EffectiveFrom < latest.EffectiveFrom)
                throw DomainException.Unprocessable("effective_date_before_previous",
                    $"Version {next.Version} cannot take effect before version {latest.Version} ({latest.EffectiveFrom:yyyy-MM-dd}).", "effectiveFrom");
            RateCardGuard.RequireReasonable(latest, next, limitBps);
        }
        return [.. published, next];
    }
}
