using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace PatentNav.Market.Tests.Cluster;

/// <summary>What the market relies on Orleans for, on a two-silo cluster with ADO.NET membership on PostgreSQL.</summary>
public sealed class ClusterTests(PostgresCluster fixture) : IClassFixture<PostgresCluster>
{
    private TestCluster Cluster => fixture.Cluster;

    private static string Key(string name) => $"{name}-{Guid.NewGuid():N}";

    private IGrainFactory FactoryOf(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IGrainFactory>();

    private async Task<SiloHandle> HostOf(string key)
    {
        var where = await Cluster.Client.GetGrain<IProbeGrain>(key).Where();
        return Cluster.Silos.Single(s => where.Silo.Contains(s.SiloAddress.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Both_silos_are_active_members_of_one_cluster()
    {
        var hosts = await Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
        Assert.All(Cluster.Silos, s => Assert.Equal(SiloStatus.Active, hosts[s.SiloAddress]));
    }

    [Fact]
    public async Task A_grain_has_one_activation_whichever_silo_calls_it()
    {
        var key = Key("one");
        var answers = await Task.WhenAll(Cluster.Silos.SelectMany(s => Enumerable.Range(0, 5).Select(_ => FactoryOf(s).GetGrain<IProbeGrain>(key).Where()))
            .Append(Cluster.Client.GetGrain<IProbeGrain>(key).Where()));
        Assert.Single(answers.Distinct());

        // Concurrent increments from both silos and the client: one activation, one turn at a time, none lost.
        var adds = Cluster.Silos.Select(FactoryOf).Append(Cluster.Client).SelectMany(f => Enumerable.Range(0, 20).Select(_ => f.GetGrain<IProbeGrain>(key).Add()));
        await Task.WhenAll(adds);
        Assert.Equal(60, await Cluster.Client.GetGrain<IProbeGrain>(key).Count());
    }

    [Fact]
    public async Task A_reminder_ticks_once_per_period_across_the_cluster()
    {
        var keys = Enumerable.Range(0, 4).Select(i => Key($"tick{i}")).ToList();
        foreach (var key in keys) await Cluster.Client.GetGrain<IProbeGrain>(key).StartTicking(TimeSpan.FromSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(9));
        foreach (var key in keys) await Cluster.Client.GetGrain<IProbeGrain>(key).StopTicking();

        foreach (var key in keys)
        {
            var ticks = ProbeGrain.Ticks.GetValueOrDefault(key)?.ToList() ?? [];
            Assert.InRange(ticks.Count, 2, 5);
            // Never twice for one due time, whichever silo delivered it.
            Assert.Equal(ticks.Count, ticks.Select(t => t.Due).Distinct().Count());
        }
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_silo_that_held_it()
    {
        var key = Key("restart");
        var grain = Cluster.Client.GetGrain<IProbeGrain>(key);
        for (var i = 0; i < 3; i++) await grain.Add();
        var host = await HostOf(key);

        await Cluster.RestartSiloAsync(host);
        await Cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(3, await Cluster.Client.GetGrain<IProbeGrain>(key).Count());
        Assert.Equal(4, await Cluster.Client.GetGrain<IProbeGrain>(key).Add());
    }

    [Fact]
    public async Task A_killed_silos_grains_answer_from_the_survivor_with_their_stored_state()
    {
        var key = Key("kill");
        var grain = Cluster.Client.GetGrain<IProbeGrain>(key);
        await grain.Add();
        await grain.Add();
        var host = await HostOf(key);

        await Cluster.KillSiloAsync(host);
        Assert.Equal(2, await Cluster.Client.GetGrain<IProbeGrain>(key).Count());
        var now = await Cluster.Client.GetGrain<IProbeGrain>(key).Where();
        Assert.DoesNotContain(host.SiloAddress.ToString(), now.Silo, StringComparison.Ordinal);

        // Back to two silos for the other tests of the class.
        await Cluster.StartAdditionalSiloAsync();
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    [Fact]
    public async Task A_write_that_fails_in_the_database_moves_no_money_and_leaves_no_state_behind()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        // Fault injection: the database refuses any entry on this account, inside the write's transaction.
        await connection.ExecuteAsync(
            """
            CREATE OR REPLACE FUNCTION refuse_fault_account() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF NEW.account = 'fault:inject' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$;
            DROP TRIGGER IF EXISTS refuse_fault_account ON ledger_entries;
            CREATE TRIGGER refuse_fault_account BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION refuse_fault_account();
            """);
        var key = Key("atomic");
        var grain = Cluster.Client.GetGrain<IProbeGrain>(key);
        await grain.Add("probe:fine");
        await grain.Add();

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Add("fault:inject"));

        // The grain answers from what was stored, not from the count it had raised in memory.
        Assert.Equal(2, await grain.Count());
        var stored = await connection.QuerySingleAsync<long>("SELECT version FROM grain_state WHERE grain_type = 'probe' AND grain_key = @key", new { key });
        var journal = await connection.QuerySingleAsync<long>("SELECT count(*) FROM grain_journal WHERE grain_type = 'probe' AND grain_key = @key", new { key });
        var postings = (await connection.QueryAsync<string>("SELECT id FROM ledger_postings WHERE grain_key = @key ORDER BY id", new { key })).ToList();
        Assert.Equal((2L, 2L), (stored, journal));
        Assert.Equal([$"probe:{key}:1"], postings);

        // And it carries on: the next write of the same count commits state, journal and posting together.
        Assert.Equal(3, await grain.Add("probe:fine"));
        Assert.Equal(2, await connection.QuerySingleAsync<long>("SELECT count(*) FROM ledger_postings WHERE grain_key = @key", new { key }));
        Assert.Equal(0, await connection.QuerySingleAsync<long>("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id WHERE p.grain_key = @key", new { key }));
    }
}
