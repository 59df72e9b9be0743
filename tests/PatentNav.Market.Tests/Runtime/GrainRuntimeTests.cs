using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Silo.Runtime;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Runtime;

/// <summary>Turn-based execution and activation lifecycle, on PostgreSQL and on the in-memory default.</summary>
public sealed class GrainRuntimeTests : DatabaseTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hundred_concurrent_calls_to_one_grain_are_serialized(bool postgres)
    {
        await using var silo = new SiloHost(postgres ? Db : null, "a");
        var counter = silo.Grains.GetGrain<ICounterGrain>("serial-" + postgres);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => counter.Increment())));

        Assert.Equal(100, await counter.Get());
        Assert.Equal(Enumerable.Range(1, 100), results.Order());
    }

    [Fact]
    public async Task State_survives_a_host_restart()
    {
        await using (var first = new SiloHost(Db, "a"))
            for (var i = 0; i < 3; i++) await first.Grains.GetGrain<ICounterGrain>("restart").Increment();

        await using var second = new SiloHost(Db, "b");
        Assert.Equal(3, await second.Grains.GetGrain<ICounterGrain>("restart").Get());
        Assert.Equal(4, await second.Grains.GetGrain<ICounterGrain>("restart").Increment());
    }

    [Fact]
    public async Task A_refused_call_leaves_no_change_behind_in_memory_or_storage()
    {
        await using var silo = new SiloHost(Db, "a");
        var counter = silo.Grains.GetGrain<ICounterGrain>("refused");
        await counter.Increment();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => counter.IncrementThenFail());

        Assert.Equal("test_refusal", refusal.Code);
        Assert.Equal(1, await counter.Get());
    }

    [Fact]
    public async Task A_call_chain_back_into_a_busy_grain_fails_fast_with_a_timeout_error()
    {
        await using var silo = new SiloHost(Db, "a");

        var error = await Assert.ThrowsAsync<GrainCallCycleException>(() => silo.Grains.GetGrain<ICounterGrain>("ping").CallOther("pong"));

        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Contains("counter/ping -> counter/pong -> counter/ping", error.Message);
    }

    [Fact]
    public async Task A_call_waiting_longer_than_the_call_timeout_fails_with_a_timeout_error()
    {
        await using var silo = new SiloHost(null, "a", o => o.CallTimeout = TimeSpan.FromMilliseconds(300));
        var counter = silo.Grains.GetGrain<ICounterGrain>("slow");
        var sleeping = Assert.ThrowsAsync<TimeoutException>(() => counter.Sleep(TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => counter.Get());

        Assert.Contains("counter/slow.Get", error.Message);
        Assert.Contains("counter/slow.Sleep", (await sleeping).Message);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await counter.Get());
    }

    [Fact]
    public async Task Idle_activations_are_deactivated_and_come_back_with_their_state()
    {
        await using var silo = new SiloHost(Db, "a", o => o.IdleDeactivationAfter = TimeSpan.Zero);
        var counter = silo.Grains.GetGrain<ICounterGrain>("idle");
        await counter.Increment();
        Assert.Equal(1, silo.Runtime.ActivationCount);

        Assert.Equal(1, silo.Runtime.CollectIdle());

        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(2, await counter.Increment());
    }

    [Fact]
    public async Task Every_write_is_journaled_with_operation_and_caller()
    {
        await using var silo = new SiloHost(Db, "a");
        RequestContext.Set(RequestContext.CallerKey, "pty_tester");
        await silo.Grains.GetGrain<ICounterGrain>("journal").Increment();
        await silo.Grains.GetGrain<ICounterGrain>("journal").Increment();

        var history = await silo.Runtime.Storage.ReadJournalAsync(new GrainId("counter", "journal"), 0, 10);

        Assert.Equal([1L, 2L], history.Select(h => h.Version));
        Assert.All(history, h => Assert.Equal(("Increment", "pty_tester"), (h.Operation, h.Caller)));
        Assert.Equal(2, history[^1].State.GetProperty("value").GetInt32());
    }
}
