namespace PatentNav.Market.Grains.Licensing;

/// <summary>
/// Exclusivity rules of §4 where scopes overlap: an exclusive licence conflicts with any other
/// licence or pool; a sole licence with any licence to a third party, pools included; a
/// non-exclusive licence only with an exclusive or sole one. A pool licenses third parties
/// non-exclusively, so it is checked as a non-exclusive licence.
/// </summary>
public static class LicenceConflicts
{
    /// <summary>The existing licence or pool the candidate collides with (its id), or null.</summary>
    public static string? Find(IEnumerable<LicenceGrant> licences, IEnumerable<PoolMembership> pools, LicenceGrant candidate)
    {
        foreach (var existing in licences.Where(l => l.LicenceId != candidate.LicenceId && l.Scope.Overlaps(candidate.Scope)))
            if (Collide(existing.Kind, candidate.Kind, sameLicensee: existing.LicenseeId == candidate.LicenseeId))
                return existing.LicenceId;
        if (candidate.Kind is LicenceKind.Exclusive or LicenceKind.Sole)
            foreach (var pool in pools.Where(p => p.Scope.Overlaps(candidate.Scope)))
                return pool.PoolId;
        return null;
    }

    /// <summary>The licence that keeps the patent out of a pool from <paramref name="from"/>, or null.</summary>
    public static string? FindForPool(IEnumerable<LicenceGrant> licences, DateOnly from) =>
        licences.FirstOrDefault(l => l.Kind is LicenceKind.Exclusive or LicenceKind.Sole && l.Scope.Overlaps(LicenceScope.Everything(from)))?.LicenceId;

    private static bool Collide(LicenceKind existing, LicenceKind candidate, bool sameLicensee) =>
        existing == LicenceKind.Exclusive || candidate == LicenceKind.Exclusive
        || ((existing == LicenceKind.Sole || candidate == LicenceKind.Sole) && !sameLicensee);
}
