using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Runtime;

/// <summary>Two runtimes on one database, as two silo processes would be: PostgreSQL keeps them honest.</summary>
public sealed class TwoSiloTests : DatabaseTests
{
    [Fact]
    public async Task Concurrent_updates_through_two_silos_lose_nothing()
    {
        await using var a = new SiloHost(Db, "a", o => o.MaxConflictRetries = 200);
        await using var b = new SiloHost(Db, "b", o => o.MaxConflictRetries = 200);

        await Task.WhenAll(
            Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Grains.GetGrain<ICounterGrain>("shared").Increment())));

        await using var fresh = new SiloHost(Db, "c");
        Assert.Equal(40, await fresh.Grains.GetGrain<ICounterGrain>("shared").Get());
    }

    [Fact]
    public async Task A_stale_activation_reloads_instead_of_overwriting()
    {
        await using var a = new SiloHost(Db, "a");
        await using var b = new SiloHost(Db, "b");
        Assert.Equal(1, await a.Grains.GetGrain<ICounterGrain>("stale").Increment());
        for (var i = 0; i < 5; i++) await b.Grains.GetGrain<ICounterGrain>("stale").Increment();

        // a still holds version 1 in memory; its write conflicts, it reloads version 6 and re-runs the call.
        Assert.Equal(7, await a.Grains.GetGrain<ICounterGrain>("stale").Increment());
        Assert.Equal(8, await b.Grains.GetGrain<ICounterGrain>("stale").Increment());
    }

    [Fact]
    public async Task A_conflict_that_outlives_the_retries_is_reported_and_nothing_is_overwritten()
    {
        await using var a = new SiloHost(Db, "a", o => o.MaxConflictRetries = 0);
        await using var b = new SiloHost(Db, "b");
        await a.Grains.GetGrain<ICounterGrain>("conflict").Increment();
        await b.Grains.GetGrain<ICounterGrain>("conflict").Increment();

        await Assert.ThrowsAsync<InconsistentStateException>(() => a.Grains.GetGrain<ICounterGrain>("conflict").Increment());

        Assert.Equal(2, await b.Grains.GetGrain<ICounterGrain>("conflict").Get());
        Assert.Equal(3, await a.Grains.GetGrain<ICounterGrain>("conflict").Increment());
    }

    [Fact]
    public async Task A_reminder_due_once_fires_once_across_both_silos()
    {
        await using var a = new SiloHost(Db, "a");
        await using var b = new SiloHost(Db, "b");
        await a.Grains.GetGrain<IAlarmGrain>("once").Schedule(TimeSpan.FromMilliseconds(300), TimeSpan.Zero);

        var delivered = 0;
        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            var polls = await Task.WhenAll(a.PollRemindersAsync(), b.PollRemindersAsync(), a.PollRemindersAsync(), b.PollRemindersAsync());
            delivered += polls.Sum();
            await Task.Delay(20);
        }

        Assert.Equal(1, delivered);
        await using var fresh = new SiloHost(Db, "c");
        Assert.Equal(1, await fresh.Grains.GetGrain<IAlarmGrain>("once").Fired());
    }

    [Fact]
    public async Task A_periodic_reminder_keeps_firing_and_survives_a_restart()
    {
        await using (var a = new SiloHost(Db, "a"))
        {
            await a.Grains.GetGrain<IAlarmGrain>("periodic").Schedule(TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
            await a.PollRemindersAsync();
        }

        await using var b = new SiloHost(Db, "b");
        await Task.Delay(250);
        Assert.Equal(1, await b.PollRemindersAsync());
        Assert.Equal(2, await b.Grains.GetGrain<IAlarmGrain>("periodic").Fired());
    }
}
