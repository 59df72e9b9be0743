using System.ComponentModel.DataAnnotations;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>Body of <c>POST /api/v1/patents</c>; <c>type</c> may be left out for Chinese numbers.</summary>
public sealed record RegisterPatentRequest(
    [Required] string? Number,
    [Required] string? Title,
    string? Abstract,
    PatentType? Type,
    IReadOnlyList<string>? Ipc,
    [Required] DateOnly? FilingDate,
    DateOnly? GrantDate,
    [Required] LegalStatus? Status,
    [Required] IReadOnlyList<string>? OwnerIds);

/// <summary>Body of <c>PATCH /api/v1/patents/{number}</c>: fields left out stay as they are.</summary>
public sealed record UpdatePatentRequest(
    string? Title,
    string? Abstract,
    IReadOnlyList<string>? Ipc,
    DateOnly? GrantDate,
    LegalStatus? Status,
    IReadOnlyList<string>? OwnerIds);

/// <summary>Body of <c>POST /api/v1/patents/{number}/end-of-force</c>: <c>lapsed</c> or <c>invalidated</c>, the date, the CNIPA reference.</summary>
public sealed record EndOfForceRequest([Required] LegalStatus? Status, [Required] DateOnly? Date, string? Reference);

/// <summary>Body of <c>POST /api/v1/patents/{number}/valuations</c>.</summary>
public sealed record AddValuationRequest(
    [Required] MoneyRequest? Value,
    [Required] ValuationMethod? Method,
    string? AppraiserId,
    [Required] DateOnly? EffectiveDate,
    string? ReportRef,
    ScoresRequest? Scores);

/// <summary>Money on the wire: integer minor units and an ISO 4217 code.</summary>
public sealed record MoneyRequest([Required] long? Amount, [Required] string? Currency);

/// <summary>GB/T 42748-2023 scores on the wire: all three or none.</summary>
public sealed record ScoresRequest([Required] int? Legal, [Required] int? Technical, [Required] int? Economic);

public sealed record SearchResponse(IReadOnlyList<CatalogueEntry> Items, string? NextCursor);

public sealed record HistoryResponse(IReadOnlyList<AuditEntry> Items, long? NextAfter);
