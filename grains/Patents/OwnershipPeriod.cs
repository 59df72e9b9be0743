namespace PatentNav.Market.Grains.Patents;

/// <summary>From <c>From</c> (inclusive) until the next period's start, <c>OwnerIds</c> owned the patent.</summary>
[GenerateSerializer]
public sealed record OwnershipPeriod(DateOnly From, IReadOnlyList<string> OwnerIds);

/// <summary>
/// Dated ownership: who owned a patent on a given day. Revenue earned on a day belongs to whoever owned
/// the patent that day (§6), so a change of owner is recorded with the day it takes effect
/// (Patent Law art. 10: the date the CNIPA registers the transfer).
/// </summary>
public static class OwnerHistory
{
    /// <summary>
    /// The owners on <paramref name="day"/>: those of the latest period starting on or before it. Days before
    /// the first period fall to the first owners (earlier owners are not known to the market), and a history
    /// that was never recorded (patents stored before it existed) falls to <paramref name="current"/>.
    /// </summary>
    public static IReadOnlyList<string> OwnersOn(IReadOnlyList<OwnershipPeriod> history, IReadOnlyList<string> current, DateOnly day)
    {
        if (history.Count == 0) return current;
        var owners = history[0].OwnerIds;
        foreach (var period in history)
            if (period.From <= day) owners = period.OwnerIds;
        return owners;
    }

    /// <summary>
    /// The history after <paramref name="owners"/> take over on <paramref name="effectiveOn"/>: same owners (in any
    /// order) add nothing; a change on the day of the last one replaces it (a correction); an earlier day is refused,
    /// because later records would then no longer describe what followed.
    /// </summary>
    public static List<OwnershipPeriod> Change(IReadOnlyList<OwnershipPeriod> history, IReadOnlyList<string> owners, DateOnly effectiveOn)
    {
        var result = history.ToList();
        var last = result[^1];
        if (last.OwnerIds.Order(StringComparer.Ordinal).SequenceEqual(owners.Order(StringComparer.Ordinal))) return result;
        if (effectiveOn < last.From)
            throw Common.DomainException.Unprocessable("effective_date_before_previous",
                $"The owners recorded from {last.From:yyyy-MM-dd} cannot be replaced from an earlier day.", "ownersEffectiveOn");
        if (effectiveOn == last.From) result[^1] = new OwnershipPeriod(effectiveOn, [.. owners]);
        else result.Add(new OwnershipPeriod(effectiveOn, [.. owners]));
        return result;
    }
}
