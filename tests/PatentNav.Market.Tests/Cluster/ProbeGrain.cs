using System.Collections.Concurrent;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Tests.Cluster;

/// <summary>A grain of the test assembly that tells where it runs, counts durably, moves money on request and ticks.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>The silo and activation serving this call.</summary>
    Task<ProbeWhere> Where();

    /// <summary>Adds one to the stored count and, when <paramref name="account"/> is given, posts 1 unit to it from clearing.</summary>
    Task<int> Add(string? account = null);

    Task<int> Count();

    Task StartTicking(TimeSpan period);

    Task StopTicking();
}

[GenerateSerializer, Immutable]
public sealed record ProbeWhere([property: Id(0)] string Silo, [property: Id(1)] string Activation);

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public int Count { get; set; }
}

public sealed class ProbeGrain([PersistentState("probe", MarketStorage.Name)] IPersistentState<ProbeState> probe, ILedger ledger)
    : Grain, IProbeGrain, IRemindable
{
    /// <summary>Every tick delivered, by grain key: the silo and the tick's due time.</summary>
    public static readonly ConcurrentDictionary<string, ConcurrentBag<(string Silo, DateTime Due)>> Ticks = new();

    private readonly string _activation = Guid.NewGuid().ToString("N");

    public Task<ProbeWhere> Where() => Task.FromResult(new ProbeWhere(RuntimeIdentity, _activation));

    public async Task<int> Add(string? account = null)
    {
        probe.State.Count++;
        if (account is not null)
            ledger.Post(Posting.Transfer($"probe:{this.GetPrimaryKeyString()}:{probe.State.Count}", LedgerAccounts.Clearing("offline"), account,
                new Money(1, "CNY"), "probe"));
        await probe.WriteStateAsync();
        return probe.State.Count;
    }

    public Task<int> Count() => Task.FromResult(probe.State.Count);

    public Task StartTicking(TimeSpan period) => this.RegisterOrUpdateReminder("tick", period, period);

    public Task StopTicking() => this.Done("tick");

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.GetOrAdd(this.GetPrimaryKeyString(), _ => []).Add((RuntimeIdentity, status.CurrentTickTime));
        return Task.CompletedTask;
    }
}
