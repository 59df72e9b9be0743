using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Runtime;

/// <summary>Postings commit with the grain state that causes them, or not at all.</summary>
public sealed class LedgerRuntimeTests : DatabaseTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_posting_commits_with_the_state_and_balances_are_the_sum_of_entries(bool postgres)
    {
        await using var silo = new SiloHost(postgres ? Db : null, "a");
        var wallet = silo.Grains.GetGrain<IWalletGrain>("w1");
        await wallet.Deposit("dep-1", 700);
        await wallet.Deposit("dep-2", 300);

        var ledger = silo.Services.GetRequiredService<ILedgerQueries>();
        var account = await ledger.Account("wallet:w1", 10);

        Assert.Equal([new Money(1000, "CNY")], account.Balances);
        Assert.Equal(["dep-2", "dep-1"], account.Entries.Select(e => e.PostingId));
        Assert.Equal(-1000, (await ledger.Balances())[("clearing:test", "CNY")]);
        Assert.All(await ledger.TrialBalance(), total => Assert.Equal(0, total.Amount));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_call_moves_no_money_and_a_reused_posting_id_is_refused_with_its_state_change(bool postgres)
    {
        await using var silo = new SiloHost(postgres ? Db : null, "a");
        var wallet = silo.Grains.GetGrain<IWalletGrain>("w2");
        await wallet.Deposit("dep-3", 100);

        await Assert.ThrowsAsync<DomainException>(() => wallet.DepositThenFail("dep-4", 50));
        await Assert.ThrowsAsync<DuplicatePostingException>(() => wallet.Deposit("dep-3", 100));

        Assert.Equal(100, await wallet.Balance());
        Assert.Equal([new Money(100, "CNY")], (await silo.Services.GetRequiredService<ILedgerQueries>().Account("wallet:w2", 10)).Balances);
    }

    [Fact]
    public async Task Concurrent_deposits_through_two_silos_post_each_movement_exactly_once()
    {
        await using var a = new SiloHost(Db, "a", o => o.MaxConflictRetries = 200);
        await using var b = new SiloHost(Db, "b", o => o.MaxConflictRetries = 200);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).Grains.GetGrain<IWalletGrain>("shared").Deposit($"shared-{i}", 10))));

        var account = await a.Services.GetRequiredService<ILedgerQueries>().Account("wallet:shared", 100);
        Assert.Equal([new Money(300, "CNY")], account.Balances);
        Assert.Equal(30, account.Entries.Count);
        await using var fresh = new SiloHost(Db, "c");
        Assert.Equal(300, await fresh.Grains.GetGrain<IWalletGrain>("shared").Balance());
    }

    [Fact]
    public void An_unbalanced_posting_cannot_be_staged()
    {
        var posting = new Posting("bad", "CNY", "unbalanced", [new LedgerEntry("a", 10), new LedgerEntry("b", -9)]);

        Assert.Throws<InvalidOperationException>(() => posting.Validate());
    }

    [Fact]
    public async Task The_database_refuses_unbalanced_postings_and_any_update_or_delete()
    {
        await using (var silo = new SiloHost(Db, "a")) await silo.Grains.GetGrain<IWalletGrain>("w3").Deposit("dep-5", 100);
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();

        var unbalanced = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection,
            """
            BEGIN;
            INSERT INTO ledger_postings (id, currency, memo, grain_type, grain_key, version) VALUES ('raw', 'CNY', 'raw', 't', 'k', 1);
            INSERT INTO ledger_entries VALUES ('raw', 0, 'a', 'CNY', 10), ('raw', 1, 'b', 'CNY', -9);
            COMMIT;
            """));
        await Execute(connection, "ROLLBACK");
        var update = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, "UPDATE ledger_entries SET amount = 0"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, "DELETE FROM ledger_postings"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, unbalanced.SqlState);
        Assert.Equal(PostgresErrorCodes.RestrictViolation, update.SqlState);
        Assert.Equal(PostgresErrorCodes.RestrictViolation, delete.SqlState);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
