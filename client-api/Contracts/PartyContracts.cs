using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/parties</c>. <c>country</c> defaults to CN; <c>stripeAccountId</c> (<c>acct_…</c>) is where payouts go; <c>region</c> is a GB/T 2260 division code (<c>330100</c>).</summary>
public sealed record CreatePartyRequest([Required] string? Name, [Required] PartyKind? Kind, string? Country, string? CreditCode, string? StripeAccountId = null, string? Region = null);

/// <summary>Body of <c>PATCH /api/v1/parties/{id}</c>: the fields to change (a missing one keeps its value).</summary>
public sealed record UpdatePartyRequest(string? Name = null, string? Region = null);

/// <summary>Body of <c>POST /api/v1/parties/{id}/api-keys</c>.</summary>
public sealed record IssueApiKeyRequest([Required] IReadOnlyList<Role>? Roles);
