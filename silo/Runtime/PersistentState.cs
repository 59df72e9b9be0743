using System.Globalization;
using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>
/// The runtime's <see cref="IPersistentState{TState}"/>: reads on activation, writes with the
/// version it read, and journals the running grain method and the caller with every write; the
/// postings the grain staged on its <see cref="Grains.Ledger.ILedger"/> commit with it.
/// </summary>
internal sealed class PersistentState<TState>(GrainId id, IGrainStorage storage, LedgerBuffer ledger) : IPersistentState<TState>, IRuntimeState
    where TState : class, new()
{
    private long _version;

    public TState State { get; set; } = new();

    public string? Etag => _version == 0 ? null : _version.ToString(CultureInfo.InvariantCulture);

    public bool RecordExists => _version > 0;

    public async Task ReadStateAsync()
    {
        var stored = await storage.ReadAsync(id);
        State = stored is null ? new TState() : (TState)StateJson.Deserialize(stored.Json, typeof(TState));
        _version = stored?.Version ?? 0;
    }

    public async Task WriteStateAsync()
    {
        var write = new GrainWrite(id, State, StateJson.Serialize(State), _version, CallContext.Operation, RequestContext.Caller, ledger.Drain());
        _version = await storage.WriteAsync(write);
    }
}

/// <summary>Lets the runtime load any <see cref="PersistentState{TState}"/> without knowing its type.</summary>
internal interface IRuntimeState
{
    Task ReadStateAsync();
}
