namespace PatentNav.Market.Grains.Licensing;

/// <summary>A licence granted on a patent, as the patent records it for conflict checks.</summary>
[GenerateSerializer]
public sealed record LicenceGrant(string LicenceId, LicenceKind Kind, string LicenseeId, LicenceScope Scope);

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
