using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Queries;

/// <summary>Reads of the ledger: balances are always Σ of the entries, never stored separately.</summary>
public interface ILedgerQueries
{
    /// <summary>An account's balance per currency and its latest entries, newest first.</summary>
    Task<AccountStatement> Account(string account, int limit, CancellationToken cancellationToken = default);

    /// <summary>Σ of all balances per currency; zero for every currency in a sound ledger.</summary>
    Task<IReadOnlyList<Money>> TrialBalance(CancellationToken cancellationToken = default);

    /// <summary>Ids of the postings whose id starts with <paramref name="prefix"/> (e.g. a pool's distributions, <c>dist:{poolId}:</c>).</summary>
    Task<IReadOnlyList<string>> PostingIds(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Balances of every account (for checks and reports).</summary>
    Task<IReadOnlyDictionary<(string Account, string Currency), long>> Balances(CancellationToken cancellationToken = default);
}

public sealed record AccountStatement(string Account, IReadOnlyList<Money> Balances, IReadOnlyList<AccountEntry> Entries);

/// <summary>One entry of an account: <c>PostedAt</c> when it was written, <c>ValueDate</c> the (China) day the money moved — earlier for an onboarded payment.</summary>
public sealed record AccountEntry(string PostingId, string Memo, Money Amount, DateTimeOffset PostedAt, DateOnly ValueDate);
