using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Onboarding;

/// <summary>Durable state of <see cref="OnboardingImportGrain"/>, keyed by the batch id (<c>obi_…</c>): what one batch imported.</summary>
[GenerateSerializer]
public sealed class OnboardingImportState
{
    [Id(0)]
    public string PoolId { get; set; } = "";
    [Id(1)]
    public OnboardingMark? Mark { get; set; }
    [Id(2)]
    public int Records { get; set; }
    [Id(3)]
    public List<OnboardingKindCount> Counts { get; set; } = [];
    [Id(4)]
    public DateOnly FirstDate { get; set; }
    [Id(5)]
    public DateOnly LastDate { get; set; }
    [Id(6)]
    public List<OnboardedLicence> Licences { get; set; } = [];
    /// <summary>Every invoice the batch's reports issued, in record order.</summary>
    [Id(7)]
    public List<string> InvoiceIds { get; set; } = [];
    /// <summary>The ledger postings of the batch's payments (one per paid invoice with an amount).</summary>
    [Id(8)]
    public List<string> PostingIds { get; set; } = [];
    [Id(9)]
    public Money? Invoiced { get; set; }
    [Id(10)]
    public Money? Collected { get; set; }

    public bool Exists => Mark is not null;
}

[GenerateSerializer]
[Immutable]
public sealed record OnboardingKindCount(OnboardingRecordKind Kind, int Count);

/// <summary>What callers see of a batch: who imported it and when, how many records of each kind, what it created.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OnboardingImportView(
    string Id, string PoolId, string ImportedBy, DateTimeOffset ImportedAt, int Records, IReadOnlyList<OnboardingKindCount> Counts,
    DateOnly FirstDate, DateOnly LastDate, IReadOnlyList<OnboardedLicence> Licences, IReadOnlyList<string> InvoiceIds,
    IReadOnlyList<string> PostingIds, Money? Invoiced, Money? Collected);
