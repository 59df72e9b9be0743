using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Tests.Runtime;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
    Task<int> Get();
    Task IncrementThenFail();
    Task Sleep(TimeSpan duration);
    Task<int> CallOther(string otherKey);
}

public sealed class CounterState
{
    public int Value { get; set; }
}

/// <summary>Reads, yields, then writes: increments are only lost-free if turns never interleave.</summary>
public sealed class CounterGrain(IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        var value = counter.State.Value;
        await Task.Yield();
        counter.State.Value = value + 1;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Value);

    public Task IncrementThenFail()
    {
        counter.State.Value += 1000;
        throw DomainException.Unprocessable("test_refusal", "Refused after changing state in memory.");
    }

    public Task Sleep(TimeSpan duration) => Task.Delay(duration);

    /// <summary>Calls another counter, which (in the cycle test) calls back here.</summary>
    public Task<int> CallOther(string otherKey) => GrainFactory.GetGrain<ICounterGrain>(otherKey).CallOther(GetPrimaryKeyString());
}

public interface IAlarmGrain : IGrainWithStringKey
{
    Task Schedule(TimeSpan dueTime, TimeSpan period);
    Task<int> Fired();
}

public sealed class AlarmState
{
    public int Fired { get; set; }
}

public sealed class AlarmGrain(IPersistentState<AlarmState> alarm) : Grain, IAlarmGrain, IRemindable
{
    public Task Schedule(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("alarm", dueTime, period);

    public Task<int> Fired() => Task.FromResult(alarm.State.Fired);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        alarm.State.Fired++;
        await alarm.WriteStateAsync();
    }
}
