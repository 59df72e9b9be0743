using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Alliances;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>The charter of a new alliance (§11): every clause is required.</summary>
public sealed record AllianceCharterBody(
    [Required] string? Name, [Required] string? Purpose, [Required] string? IndustryScope, [Required] AllianceForm? Form,
    [Required] string? RightsAndDuties, [Required] string? Governance, [Required] string? Funding, [Required] string? Amendment, [Required] string? Dissolution);

/// <summary>A member joining: the party and the day (default today).</summary>
public sealed record AllianceMemberRequest([Required] string? PartyId, DateOnly? JoinedOn);

/// <summary>Body of <c>POST /api/v1/alliances</c>: the operating center that runs it, its charter, at least two founding members.</summary>
public sealed record CreateAllianceRequest([Required] string? CenterId, [Required] AllianceCharterBody? Charter, [Required] IReadOnlyList<AllianceMemberRequest>? Members);

/// <summary>Optional body of a member's departure: the day it leaves (default today).</summary>
public sealed record AllianceDepartureRequest(DateOnly? LeftOn);

/// <summary>Body of <c>POST /api/v1/alliances/{id}/filing</c>: the IP office's filing number and date (备案).</summary>
public sealed record AllianceFilingRequest([Required] string? FilingNumber, [Required] DateOnly? FiledOn);

/// <summary>An alliance's members: every period, and the parties that are members on <c>on</c>.</summary>
public sealed record AllianceMembersResponse(string AllianceId, DateOnly On, IReadOnlyList<string> Members, IReadOnlyList<AllianceMember> Periods);

public sealed record AlliancesPage(IReadOnlyList<AllianceView> Items, string? NextCursor);
