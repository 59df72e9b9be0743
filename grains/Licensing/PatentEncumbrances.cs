namespace PatentNav.Market.Grains.Licensing;

/// <summary>A licence granted on a patent, as the patent records it for conflict checks; <c>LicensorId</c> is the owner who granted it.</summary>
[GenerateSerializer]
public sealed record LicenceGrant(string LicenceId, LicenceKind Kind, string LicenseeId, LicenceScope Scope, string? LicensorId = null);

/// <summary>A patent's membership of a pool: in from the admission date, out from the withdrawal date.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolMembership(string PoolId, DateOnly AdmittedOn, DateOnly? WithdrawnOn)
{
    public LicenceScope Scope => LicenceScope.Everything(AdmittedOn, WithdrawnOn?.AddDays(-1));

    public bool CoversDay(DateOnly day) => day >= AdmittedOn && (WithdrawnOn is null || day < WithdrawnOn);
}

/// <summary>What a pledgee agreed to (Civil Code art. 444): one licence to, or one pool admission by, the counterparty.</summary>
[GenerateSerializer]
public enum ConsentPurpose
{
    Licence,
    PoolAdmission,
    Transfer,
}

[GenerateSerializer]
[Immutable]
public sealed record PledgeeConsent(string Id, string PledgeeId, ConsentPurpose Purpose, string CounterpartyId, DateTimeOffset GivenAt, string? UsedFor);

/// <summary>
/// A co-owner's consent (§3) to one exclusive licence of the patent to <c>LicenseeId</c>, given by that co-owner's own
/// key on <c>GivenOn</c> (China date). <c>UsedFor</c> names the licence that used it.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record CoOwnerConsent(string Id, string CoOwnerId, string LicenseeId, DateOnly GivenOn, DateTimeOffset GivenAt, string? UsedFor);

/// <summary>§3: every co-owner must consent to an exclusive licence; the owner granting it consents by granting.</summary>
public static class CoOwnerConsents
{
    /// <summary>The owners other than <paramref name="licensorId"/> without an unused consent to an exclusive licence to <paramref name="licenseeId"/>.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> ownerIds, string? licensorId, IEnumerable<CoOwnerConsent> consents, string licenseeId, string licenceId) =>
        [.. ownerIds.Where(o => o != licensorId && !consents.Any(c => c.CoOwnerId == o && c.LicenseeId == licenseeId && (c.UsedFor is null || c.UsedFor == licenceId)))];
}
