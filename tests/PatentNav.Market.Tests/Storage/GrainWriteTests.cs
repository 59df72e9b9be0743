using Dapper;
using Npgsql;
using Orleans.Storage;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Storage;

/// <summary>Stages the postings the test gives it and writes its state (test assembly only).</summary>
public interface ILedgerProbeGrain : IGrainWithStringKey
{
    Task Write(string label, Posting[] postings);
}

[GenerateSerializer]
public sealed class LedgerProbeState
{
    [Id(0)]
    public string Label { get; set; } = "";
}

public sealed class LedgerProbeGrain([PersistentState("ledger-probe", MarketStorage.Name)] IPersistentState<LedgerProbeState> probe, ILedger ledger)
    : Grain, ILedgerProbeGrain
{
    public async Task Write(string label, Posting[] postings)
    {
        foreach (var posting in postings) ledger.Post(posting);
        probe.State.Label = label;
        await probe.WriteStateAsync();
    }
}

/// <summary>
/// One grain write on PostgreSQL is one transaction (docs/ARCHITECTURE.md, "How money stays atomic"), sent
/// as one batch: state, journal, postings and entries commit together, and a refused write leaves nothing.
/// </summary>
public sealed class GrainWriteTests : DatabaseTests
{
    private static Posting Split(string id, long amount) => new(id, "CNY", "probe",
        [new LedgerEntry("probe:source", -amount), new LedgerEntry("probe:a", amount - amount / 3), new LedgerEntry("probe:b", amount / 3)]);

    private static Posting Transfer(string id, long amount) =>
        Posting.Transfer(id, "probe:source", "probe:a", new Money(amount, "CNY"), "probe");

    private async Task<T> Scalar<T>(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(Db);
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException(sql);
    }

    private static Exception Cause<T>(Exception e) where T : Exception
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
            if (x is T) return x;
        throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name} in the exception chain, got {e}");
    }

    [Fact]
    public async Task A_write_commits_its_state_journal_postings_and_every_entry_in_order()
    {
        await using var silo = await SiloHost.StartAsync(Db, "a");
        var key = "commit-" + Guid.NewGuid().ToString("N")[..8];
        var grain = silo.Grains.GetGrain<ILedgerProbeGrain>(key);

        await grain.Write("first", [Split($"{key}:1", 1_000), Transfer($"{key}:2", 250)]);
        await grain.Write("second", []);

        await using var connection = new NpgsqlConnection(Db);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "SELECT version FROM grain_state WHERE grain_type = 'ledger-probe' AND grain_key = @key", new { key }));
        Assert.Equal(["first", "second"], await connection.QueryAsync<string>(
            "SELECT changes->>'label' FROM grain_journal WHERE grain_type = 'ledger-probe' AND grain_key = @key ORDER BY version", new { key }));
        Assert.Equal([($"{key}:1", 1L), ($"{key}:2", 1L)], (await connection.QueryAsync<(string, long)>(
            "SELECT id, version FROM ledger_postings WHERE grain_key = @key ORDER BY id", new { key })).ToArray());
        var entries = (await connection.QueryAsync<(string PostingId, int Seq, string Account, string Currency, long Amount)>(
            "SELECT posting_id, seq, account, currency, amount FROM ledger_entries WHERE posting_id LIKE @prefix ORDER BY posting_id, seq",
            new { prefix = key + ":%" })).ToArray();
        Assert.Equal([
            ($"{key}:1", 0, "probe:source", "CNY", -1_000L), ($"{key}:1", 1, "probe:a", "CNY", 667L), ($"{key}:1", 2, "probe:b", "CNY", 333L),
            ($"{key}:2", 0, "probe:source", "CNY", -250L), ($"{key}:2", 1, "probe:a", "CNY", 250L)], entries);
    }

    [Fact]
    public async Task A_posting_id_seen_before_refuses_the_whole_write_and_changes_nothing()
    {
        await using var silo = await SiloHost.StartAsync(Db, "a");
        var key = "dup-" + Guid.NewGuid().ToString("N")[..8];
        var grain = silo.Grains.GetGrain<ILedgerProbeGrain>(key);
        await grain.Write("first", [Transfer($"{key}:paid", 500)]);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => grain.Write("again", [Transfer($"{key}:new", 70), Split($"{key}:paid", 900)]));

        Assert.Equal($"{key}:paid", ((DuplicatePostingException)Cause<DuplicatePostingException>(refused)).PostingId);
        Assert.Equal(1, await Scalar<long>("SELECT version FROM grain_state WHERE grain_type = 'ledger-probe' AND grain_key = @key", new { key }));
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM grain_journal WHERE grain_type = 'ledger-probe' AND grain_key = @key", new { key }));
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM ledger_postings WHERE grain_key = @key", new { key }));
        Assert.Equal(2, await Scalar<long>("SELECT count(*) FROM ledger_entries WHERE posting_id LIKE @prefix", new { prefix = key + ":%" }));
        Assert.Equal(-500, await Scalar<long>("SELECT amount FROM ledger_entries WHERE posting_id = @id AND seq = 0", new { id = $"{key}:paid" }));

        // The grain goes on: its next write is version 2.
        await grain.Write("later", [Transfer($"{key}:later", 30)]);
        Assert.Equal(2, await Scalar<long>("SELECT version FROM grain_state WHERE grain_type = 'ledger-probe' AND grain_key = @key", new { key }));
    }

    [Fact]
    public async Task A_write_over_a_version_it_did_not_read_is_refused_and_writes_nothing()
    {
        await using var silo = await SiloHost.StartAsync(Db, "a");
        var key = "stale-" + Guid.NewGuid().ToString("N")[..8];
        var grain = silo.Grains.GetGrain<ILedgerProbeGrain>(key);
        await grain.Write("first", []);
        // Another writer got there first (as a second activation during a failover would).
        await using (var connection = new NpgsqlConnection(Db))
            await connection.ExecuteAsync("UPDATE grain_state SET version = 7 WHERE grain_type = 'ledger-probe' AND grain_key = @key", new { key });

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => grain.Write("stale", [Transfer($"{key}:stale", 40)]));

        Cause<InconsistentStateException>(refused);
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM grain_journal WHERE grain_type = 'ledger-probe' AND grain_key = @key", new { key }));
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM ledger_postings WHERE grain_key = @key", new { key }));
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM ledger_entries WHERE posting_id LIKE @prefix", new { prefix = key + ":%" }));
    }
}
