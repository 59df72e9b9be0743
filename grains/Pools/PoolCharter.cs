namespace PatentNav.Market.Grains.Pools;

/// <summary>How members use the pool's patents among themselves (内部交叉许可).</summary>
[GenerateSerializer]
public enum MemberTerms
{
    /// <summary>Members hold a royalty-free cross-licence (the default).</summary>
    RoyaltyFree,
    /// <summary>Members license on the same terms as outside licensees.</summary>
    SameAsLicensees,
}

[GenerateSerializer]
public enum DistributionPeriod
{
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>A pool's constitution (§5). <c>MaxIncreaseBps</c> is the reasonableness guard for new rate-card versions.</summary>
[GenerateSerializer]
public sealed record PoolCharter(
    string Name,
    string AdministratorId,
    string Currency,
    IReadOnlyList<string> ProductCategories,
    int AdminFeeBps,
    MemberTerms MemberTerms = MemberTerms.RoyaltyFree,
    bool EssentialityReviewRequired = false,
    DistributionPeriod DistributionPeriod = DistributionPeriod.Quarterly,
    int MaxIncreaseBps = RateCardGuard.DefaultLimitBps);

/// <summary>The only reasons a willing licensee may be refused (§5): no discretionary refusal exists.</summary>
[GenerateSerializer]
public enum RefusalReason
{
    UncuredBreach,
    InvoicesUnpaidOver90Days,
}

[GenerateSerializer]
[Immutable]
public sealed record Refusal(string PartyId, RefusalReason Reason, string? Note, DateTimeOffset RecordedAt, DateTimeOffset? LiftedAt);

[GenerateSerializer]
[Immutable]
public sealed record PoolMember(string PartyId, DateOnly JoinedOn);

/// <summary>
/// A patent in the pool: in from <c>AdmittedOn</c>, out from <c>WithdrawnOn</c> (the start of the next distribution period).
/// <c>OwnerMemberId</c> is the member holding it now, since <c>HolderSince</c> (null: since admission); a transfer whose buyer
/// accedes names the buyer from the recordation date. Distributions do not read it: they use the patent's dated owner history.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolPatent(string Number, string OwnerMemberId, DateOnly AdmittedOn, DateOnly? WithdrawnOn, string? EssentialityReportRef, DateOnly? HolderSince = null);

/// <summary>
/// An enrolled pool licence; <c>RoyaltyFree</c> marks a member's cross-licence under <see cref="MemberTerms.RoyaltyFree"/>.
/// <c>EndedOn</c>: the last day a terminated or surrendered licence covered; the pool's public list leaves it out.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolLicensee(string LicenceId, string LicenseeId, DateOnly Start, int LockedRateCardVersion, bool RoyaltyFree = false, DateOnly? EndedOn = null);

/// <summary>A holder of the patent agreed to its admission into the pool (an administrator cannot pool someone else's patent alone).</summary>
[GenerateSerializer]
[Immutable]
public sealed record HolderAgreement(string Number, string HolderId, DateTimeOffset AgreedAt);

/// <summary>
/// What the pool grain holds: charter, members, patents and rate cards. Its licensees are not here: they are rows of their
/// own (<see cref="IPoolLicenseeRows"/>, read through <c>Queries.IPoolLicensees</c>), so the view stays small at any size.
/// </summary>
[GenerateSerializer]
public sealed record PoolView(
    string Id,
    PoolCharter Charter,
    IReadOnlyList<PoolMember> Members,
    IReadOnlyList<PoolPatent> Patents,
    IReadOnlyList<RateCard> RateCards,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? ReportIds = null);

/// <summary>
/// What a new pool licence starts with: the card version it locks (most-favoured licensee) and whether it is a member's
/// royalty-free cross-licence; <c>AdministratorId</c> is the licensor (so the licence needs no second call for the charter).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolEnrolment(string PoolId, string Currency, int LockedRateCardVersion, bool RoyaltyFree, DateOnly Start, string AdministratorId = "")
{
    /// <summary>The licensee's row of the pool's public list, as the licence that holds these terms writes it.</summary>
    public PoolLicensee Row(string licenceId, string licenseeId) => new(licenceId, licenseeId, Start, LockedRateCardVersion, RoyaltyFree);
}
