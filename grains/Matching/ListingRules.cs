using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Matching;

/// <summary>
/// What may be listed (§2, §4, §8), pure. Refused: a patent not registered (422 <c>unknown_patent</c>), not owned by
/// the holder (422 <c>not_owner</c>), lapsed, invalidated or expired (422 <c>patent_not_in_force</c>; pending
/// applications may be listed, as they may be transferred), or — for a licence deal — under a licence or pool the
/// asked licence would collide with by the §4 rules (409 <c>licence_conflict</c>: an exclusive licence cannot be
/// offered over a pool or any other licence, no licence over an exclusive or sole one). Flagged, not refused, because
/// the deal can still be done with someone's consent or subject to it: a pledge (the pledgee must consent, Civil Code
/// art. 444), an exclusive or sole licence that a sale leaves in place, a co-owner who must consent, an open transfer.
/// Each refusal names <c>patents[i]</c>.
/// </summary>
public static class ListingRules
{
    public static IReadOnlyList<Encumbrance> Check(IReadOnlyList<PatentView?> patents, string holderId, CreateListing listing, DateOnly today)
    {
        var flags = new List<Encumbrance>();
        for (var i = 0; i < patents.Count; i++)
        {
            var field = $"patents[{i}]";
            var patent = patents[i] ?? throw DomainException.Unprocessable("unknown_patent", $"Patent {listing.Patents[i]} is not registered.", field);
            if (!patent.OwnerIds.Contains(holderId))
                throw DomainException.Unprocessable("not_owner", $"Party {holderId} does not own patent {patent.Number}.", field);
            if (!patent.Status.IsInForce())
                throw DomainException.Unprocessable("patent_not_in_force", $"Patent {patent.Number} is {patent.Status.ToString().ToLowerInvariant()}: it cannot be listed.", field);
            if (LicenceKindOf(listing.DealType) is { } kind)
            {
                var probe = new LicenceGrant("listing", kind, "", new LicenceScope(listing.Territories, listing.FieldsOfUse, today, null));
                if (LicenceConflicts.Find(patent.Licences, patent.Pools.Where(p => p.WithdrawnOn is null || p.WithdrawnOn > today), probe) is { } collision)
                    throw DomainException.Conflict("licence_conflict", $"Patent {patent.Number}: the offered licence collides with {collision}.", field);
            }
            flags.AddRange(Flags(patent, holderId, listing.DealType, today));
        }
        return flags;
    }

    /// <summary>What stands in the way of the deal without ruling it out; also what matching reports as blocking.</summary>
    public static IEnumerable<Encumbrance> Flags(PatentView patent, string holderId, DealType deal, DateOnly today)
    {
        if (patent.PledgeeId is { } pledgee)
            yield return new Encumbrance(patent.Number, "pledge", pledgee, $"pledged to {pledgee}: the pledgee must consent to a {Wire(deal)} (Civil Code art. 444)");
        if (deal == DealType.Sale)
            foreach (var licence in patent.Licences.Where(l => l.Kind is LicenceKind.Exclusive or LicenceKind.Sole && (l.Scope.End is null || l.Scope.End >= today)))
                yield return new Encumbrance(patent.Number, licence.Kind == LicenceKind.Exclusive ? "exclusive_licence" : "sole_licence", licence.LicenseeId,
                    $"licence {licence.LicenceId} to {licence.LicenseeId} survives the sale");
        foreach (var owner in patent.OwnerIds.Where(o => o != holderId))
            if (deal is DealType.Sale or DealType.ExclusiveLicence)
                yield return new Encumbrance(patent.Number, "co_owner", owner, $"co-owner {owner} must consent to a {Wire(deal)} (§3)");
    }

    /// <summary>The licence kind a deal grants, or null for a sale. An open licence is non-exclusive (art. 50).</summary>
    public static LicenceKind? LicenceKindOf(DealType deal) => deal switch
    {
        DealType.ExclusiveLicence => LicenceKind.Exclusive,
        DealType.NonExclusiveLicence or DealType.OpenLicence => LicenceKind.NonExclusive,
        _ => null,
    };

    public static string Wire(DealType deal) => deal switch
    {
        DealType.Sale => "sale",
        DealType.ExclusiveLicence => "exclusive_licence",
        DealType.NonExclusiveLicence => "non_exclusive_licence",
        _ => "open_licence",
    };
}
