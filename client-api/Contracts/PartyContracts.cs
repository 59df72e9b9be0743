using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/parties</c>. <c>country</c> defaults to CN; <c>stripeAccountId</c> (<c>acct_…</c>) is where payouts go.</summary>
public sealed record CreatePartyRequest([Required] string? Name, [Required] PartyKind? Kind, string? Country, string? CreditCode, string? StripeAccountId = null);

/// <summary>Body of <c>POST /api/v1/parties/{id}/api-keys</c>.</summary>
public sealed record IssueApiKeyRequest([Required] IReadOnlyList<Role>? Roles);
