using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>Ledger reads: balances are sums over <c>ledger_entries</c>, computed when asked.</summary>
public sealed class PostgresLedgerQueries(NpgsqlDataSource dataSource) : ILedgerQueries
{
    public async Task<AccountStatement> Account(string account, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var balances = await connection.QueryAsync<(string Currency, long Amount)>(
            "SELECT currency, sum(amount)::bigint FROM ledger_entries WHERE account = @account GROUP BY currency ORDER BY currency", new { account });
        // The value date: the posting's own (an onboarded payment's day) or the China date (UTC+08:00) it was written.
        var entries = await connection.QueryAsync<(string PostingId, string Memo, long Amount, string Currency, DateTime PostedAt, DateTime ValueDate)>(
            """
            SELECT e.posting_id, p.memo, e.amount, e.currency, p.posted_at,
                   coalesce(p.value_date, ((p.posted_at AT TIME ZONE 'UTC') + interval '8 hours')::date)::timestamp AS value_date
            FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
            WHERE e.account = @account ORDER BY p.posted_at DESC, e.posting_id DESC LIMIT @limit
            """, new { account, limit });
        return new AccountStatement(account,
            [.. balances.Select(b => new Money(b.Amount, b.Currency))],
            [.. entries.Select(e => new AccountEntry(e.PostingId, e.Memo, new Money(e.Amount, e.Currency), new DateTimeOffset(DateTime.SpecifyKind(e.PostedAt, DateTimeKind.Utc)),
                DateOnly.FromDateTime(e.ValueDate)))]);
    }

    public async Task<IReadOnlyList<Money>> TrialBalance(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sums = await connection.QueryAsync<(string Currency, long Amount)>(
            "SELECT currency, sum(amount)::bigint FROM ledger_entries GROUP BY currency ORDER BY currency");
        return [.. sums.Select(s => new Money(s.Amount, s.Currency))];
    }

    public async Task<IReadOnlyList<string>> PostingIds(string prefix, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // starts_with, not LIKE: ids contain '_', LIKE's wildcard.
        return [.. await connection.QueryAsync<string>("SELECT id FROM ledger_postings WHERE starts_with(id, @prefix) ORDER BY id", new { prefix })];
    }

    public async Task<IReadOnlyDictionary<(string Account, string Currency), long>> Balances(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Account, string Currency, long Amount)>(
            "SELECT account, currency, sum(amount)::bigint FROM ledger_entries GROUP BY account, currency");
        return rows.ToDictionary(r => (r.Account, r.Currency), r => r.Amount);
    }
}
