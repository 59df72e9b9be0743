namespace PatentNav.Market.Grains.Parties;

/// <summary>The kinds of organization that take part in the market (§1).</summary>
[GenerateSerializer]
public enum PartyKind
{
    Company,
    University,
    ResearchInstitute,
    Bank,
    Fund,
    Guarantor,
    Appraiser,
    OperatingCenter,
}

/// <summary>What an API key may do; a key acts for its party.</summary>
[GenerateSerializer]
public enum Role
{
    Admin,
    Operator,
    Licensor,
    Licensee,
    Financier,
    Appraiser,
}

/// <param name="StripeAccountId">The party's Stripe connected account (<c>acct_…</c>), where its payouts are transferred.</param>
/// <param name="Region">GB/T 2260 administrative division code of its seat (<c>330100</c> 杭州市), for regional navigation.</param>
[GenerateSerializer]
[Immutable]
public sealed record CreateParty(string Name, PartyKind Kind, string Country, string? CreditCode, string? StripeAccountId = null, string? Region = null);

/// <summary>Changes to a party; a null field keeps its value.</summary>
/// <param name="Region">GB/T 2260 division code (400 <c>invalid_region</c> naming <c>region</c>).</param>
[GenerateSerializer]
[Immutable]
public sealed record UpdateParty(string? Name = null, string? Region = null);

[GenerateSerializer]
public sealed record PartyView(
    string Id,
    string Name,
    PartyKind Kind,
    string Country,
    string? CreditCode,
    IReadOnlyList<ApiKeySummary> ApiKeys,
    DateTimeOffset CreatedAt,
    string? StripeAccountId = null,
    string? Region = null);

/// <summary>An issued key as listed on its party: never the token itself. A revoked key keeps its entry, with when and, if rotated, its successor.</summary>
[GenerateSerializer]
public sealed record ApiKeySummary(string KeyId, IReadOnlyList<Role> Roles, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt = null, string? ReplacedBy = null);

/// <summary>A freshly issued key: the token is shown once and stored only as a hash.</summary>
[GenerateSerializer]
public sealed record IssuedApiKey(string KeyId, string Token, IReadOnlyList<Role> Roles);

[GenerateSerializer]
public sealed class PartyState
{
    [Id(0)]
    public string Name { get; set; } = "";
    [Id(1)]
    public PartyKind Kind { get; set; }
    [Id(2)]
    public string Country { get; set; } = "CN";
    [Id(3)]
    public string? CreditCode { get; set; }
    [Id(4)]
    public List<ApiKeySummary> ApiKeys { get; set; } = [];
    [Id(5)]
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Stripe connected account for payouts; without one the party is paid offline.</summary>
    [Id(6)]
    public string? StripeAccountId { get; set; }

    /// <summary>
    /// Key id → SHA-256 of the token (the <see cref="IApiKeyGrain"/>'s key), so a key can be revoked by its id.
    /// Never shown. Keys issued before this was kept have no entry and cannot be revoked by id.
    /// </summary>
    [Id(7)]
    public Dictionary<string, string> KeyHashes { get; set; } = [];

    /// <summary>GB/T 2260 division code of the party's seat (<see cref="Common.RegionCode"/>); null when not given.</summary>
    [Id(8)]
    public string? Region { get; set; }
}
