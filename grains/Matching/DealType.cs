namespace PatentNav.Market.Grains.Matching;

/// <summary>What a listing offers and a demand wants (§10): a sale (§7) or a licence (§4; open licence, arts. 50–52).</summary>
[GenerateSerializer]
public enum DealType
{
    Sale,
    ExclusiveLicence,
    NonExclusiveLicence,
    OpenLicence,
}

/// <summary>Where a listing or a demand is in its life: draft → open → matched / withdrawn / expired.</summary>
[GenerateSerializer]
public enum OfferStatus
{
    Draft,
    Open,
    Matched,
    Withdrawn,
    Expired,
}

/// <summary>
/// The lifecycle of listings and demands, pure. Draft → open (published) or withdrawn; open → matched (a negotiation
/// was opened from a match) or withdrawn; expired is not stored: a draft or open offer is expired from the day after
/// its <c>validUntil</c>, by the market clock, as a patent past its term is expired. Matched, withdrawn and expired are final.
/// </summary>
public static class OfferLifecycle
{
    /// <summary>The status as of <paramref name="today"/>: a stored draft or open offer whose validity ended is expired.</summary>
    public static OfferStatus StatusOn(OfferStatus stored, DateOnly validUntil, DateOnly today) =>
        stored is OfferStatus.Draft or OfferStatus.Open && today > validUntil ? OfferStatus.Expired : stored;

    public static bool CanMove(OfferStatus from, OfferStatus to) => (from, to) switch
    {
        (OfferStatus.Draft, OfferStatus.Open) => true,
        (OfferStatus.Draft, OfferStatus.Withdrawn) => true,
        (OfferStatus.Open, OfferStatus.Matched) => true,
        (OfferStatus.Open, OfferStatus.Withdrawn) => true,
        _ => false,
    };

    /// <summary>
    /// Moves <paramref name="current"/> (already projected to today) to <paramref name="to"/>: the same status again is
    /// a no-op (false); an expired offer 409 <c>{kind}_expired</c>; any other move the table does not allow 409
    /// <c>invalid_{kind}_state</c>.
    /// </summary>
    public static bool Move(string kind, string id, OfferStatus current, OfferStatus to)
    {
        if (current == to) return false;
        if (current == OfferStatus.Expired)
            throw DomainException.Conflict($"{kind}_expired", $"The {kind} {id} has expired (its validUntil has passed).", "status");
        if (!CanMove(current, to))
            throw DomainException.Conflict($"invalid_{kind}_state", $"The {kind} {id} is {Wire(current)}; it cannot become {Wire(to)}.", "status");
        return true;
    }

    public static string Wire(OfferStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A <c>validUntil</c> must be today or later and at most five years ahead (400 <c>invalid_date</c>).</summary>
    public static void RequireValidUntil(DateOnly validUntil, DateOnly today)
    {
        if (validUntil < today || validUntil > today.AddYears(5))
            throw DomainException.Invalid("invalid_date", "validUntil", $"validUntil must be from today ({today:yyyy-MM-dd}) to five years ahead.");
    }
}

/// <summary>One step of a listing's or demand's life: who moved it and when.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OfferStep([property: Id(0)] OfferStatus Status, [property: Id(1)] string? By, [property: Id(2)] DateTimeOffset At, [property: Id(3)] string? Detail = null);
