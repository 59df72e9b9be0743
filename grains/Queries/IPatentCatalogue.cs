using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Queries;

/// <summary>
/// The searchable patent catalogue: a projection of <see cref="PatentState"/> that the runtime
/// writes in the same transaction as the patent grain's state.
/// </summary>
public interface IPatentCatalogue
{
    Task<CataloguePage> Search(CatalogueQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// Filters combine with AND. <c>Keywords</c> are matched as substrings of title and abstract
/// (every word must occur; Chinese and English alike). Results are ordered by patent number;
/// <c>After</c> is the last number of the previous page.
/// </summary>
public sealed record CatalogueQuery(
    IReadOnlyList<string> Keywords,
    string? IpcPrefix,
    PatentType? Type,
    LegalStatus? Status,
    string? OwnerId,
    long? MinValue,
    long? MaxValue,
    string? After,
    int Limit)
{
    public const int MaxLimit = 100;
}

public sealed record CatalogueEntry(
    string Number,
    string Title,
    PatentType Type,
    LegalStatus Status,
    IReadOnlyList<string> Ipc,
    IReadOnlyList<string> OwnerIds,
    DateOnly FilingDate,
    DateOnly ExpiresOn,
    Common.Money? CurrentValue);

/// <summary>A page of results; <c>Next</c> is the <c>After</c> value for the next page, or null at the end.</summary>
public sealed record CataloguePage(IReadOnlyList<CatalogueEntry> Items, string? Next);
