using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Distributions;

/// <summary>
/// One line of a distribution: what <c>OwnerId</c> earned with <c>PatentNumber</c> (days counted, weight as an
/// exact rational <c>"n"</c> or <c>"n/d"</c> of value-days, share) and the ledger account it was paid to: the
/// owner's payable, or the patent's pledge escrow while it is pledged (Civil Code art. 444).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record DistributionLine(string PatentNumber, string OwnerId, int Days, string Weight, Money Share, string? PledgeeId, string PaidTo);

/// <summary>A licensor's payout: Σ of its shares, split into what went to its payable and what went to pledge escrow.</summary>
[GenerateSerializer]
[Immutable]
public sealed record LicensorTotal(string LicensorId, Money Share, Money Payable, Money Escrowed);

/// <summary>A collections account the distribution emptied: the reporting quarter and the balance taken.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CollectionDrawn(string Period, string Account, Money Amount);

/// <summary>
/// A completed distribution of a pool's period (§6): the cash taken (C), the admin fee (F) and what was shared (D),
/// the lines per (patent, owner) and the totals per licensor. Never changes once stored. <c>Supplement</c> is null for
/// the period's distribution and n for its n-th supplementary distribution of late cash (id <c>{start}_{end}_s{n}</c>),
/// which shares with the original's weights.
/// </summary>
[GenerateSerializer]
public sealed record Distribution(
    string Id,
    string PoolId,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string AdministratorId,
    Money Collected,
    int AdminFeeBps,
    Money AdminFee,
    Money Distributable,
    string? ValuationCurrency,
    IReadOnlyList<CollectionDrawn> Collections,
    IReadOnlyList<DistributionLine> Lines,
    IReadOnlyList<LicensorTotal> Licensors,
    string PostingId,
    DateTimeOffset RanAt,
    string? RanBy,
    int? Supplement = null);

/// <summary>What <c>Run</c> answers: the distribution, and whether this call made it (false: it had run before).</summary>
[GenerateSerializer]
public sealed record DistributionRun(Distribution Distribution, bool Created);
