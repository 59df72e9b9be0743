namespace PatentNav.Market.Grains.Alliances;

/// <summary>How an industry IP alliance is organised (§11, seed 004): a company, an association, or contract cooperation.</summary>
[GenerateSerializer]
public enum AllianceForm
{
    Company,
    Association,
    Contract,
}

/// <summary>
/// The charter of an alliance (产业知识产权联盟章程, §11): name, purpose, the industry it covers, its form, the members'
/// rights and duties, governance, funding, and how it is amended and dissolved. Text, as the founders wrote it.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AllianceCharter(
    [property: Id(0)] string Name,
    [property: Id(1)] string Purpose,
    [property: Id(2)] string IndustryScope,
    [property: Id(3)] AllianceForm Form,
    [property: Id(4)] string RightsAndDuties,
    [property: Id(5)] string Governance,
    [property: Id(6)] string Funding,
    [property: Id(7)] string Amendment,
    [property: Id(8)] string Dissolution);

/// <summary>
/// One period of membership: a party is a member from <see cref="JoinedOn"/> until the day before <see cref="LeftOn"/>
/// (null: still a member). A party that leaves and joins again has two periods.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AllianceMember([property: Id(0)] string PartyId, [property: Id(1)] DateOnly JoinedOn, [property: Id(2)] DateOnly? LeftOn);

/// <summary>A founding or joining member: the party and the day it joins (null: today).</summary>
[GenerateSerializer]
[Immutable]
public sealed record NewAllianceMember([property: Id(0)] string PartyId, [property: Id(1)] DateOnly? JoinedOn);

/// <summary>The alliance's filing (备案) with the IP office: the number and date the office gave.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AllianceFiling([property: Id(0)] string FilingNumber, [property: Id(1)] DateOnly FiledOn, [property: Id(2)] DateTimeOffset RecordedAt, [property: Id(3)] string? RecordedBy);

/// <summary>Body of a new alliance: the operating center that runs it, its charter, at least two founding members.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CreateAlliance([property: Id(0)] string CenterId, [property: Id(1)] AllianceCharter Charter, [property: Id(2)] IReadOnlyList<NewAllianceMember> Members);

[GenerateSerializer]
[Immutable]
public sealed record AllianceView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CenterId,
    [property: Id(2)] AllianceCharter Charter,
    [property: Id(3)] IReadOnlyList<AllianceMember> Members,
    [property: Id(4)] IReadOnlyList<string> CurrentMembers,
    [property: Id(5)] AllianceFiling? Filing,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string? CreatedBy);

/// <summary>Durable state of <see cref="AllianceGrain"/> (the landscape's <c>alliance=</c> scope reads <c>members</c> from it in SQL).</summary>
[GenerateSerializer]
public sealed class AllianceState
{
    [Id(0)] public string? CenterId { get; set; }
    [Id(1)] public AllianceCharter? Charter { get; set; }
    [Id(2)] public List<AllianceMember> Members { get; set; } = [];
    [Id(3)] public AllianceFiling? Filing { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public string? CreatedBy { get; set; }
}
