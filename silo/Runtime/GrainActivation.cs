using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatentNav.Market.Grains.Abstractions;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>A call waiting in an activation's mailbox.</summary>
internal sealed record Turn(
    string Operation,
    Func<object, Task<object?>> Invoke,
    System.Collections.Immutable.ImmutableArray<GrainId> Chain,
    IReadOnlyDictionary<string, object>? Context)
{
    public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// One grain in memory. Its mailbox runs turns one at a time in arrival order. A version
/// conflict drops the instance, reloads state and re-runs the turn; any other failure drops the
/// instance too, so half-made changes in memory never outlive the call that made them.
/// </summary>
internal sealed class GrainActivation
{
    private readonly Channel<Turn> _mailbox = Channel.CreateUnbounded<Turn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    private readonly GrainClass _class;
    private readonly GrainRuntime _runtime;
    private Grain? _instance;
    private int _pending;
    private bool _closed;

    public GrainActivation(GrainId id, GrainClass grainClass, GrainRuntime runtime)
    {
        Id = id;
        _class = grainClass;
        _runtime = runtime;
        LastUsed = runtime.Clock.GetUtcNow();
        _ = Task.Run(RunAsync);
    }

    public GrainId Id { get; }
    public DateTimeOffset LastUsed { get; private set; }

    /// <summary>Queues a turn; false once the activation was deactivated (the caller makes a new one).</summary>
    public bool TryEnqueue(Turn turn)
    {
        lock (_gate)
        {
            if (_closed) return false;
            _pending++;
            return _mailbox.Writer.TryWrite(turn);
        }
    }

    /// <summary>Closes the mailbox if nothing ran since <paramref name="idleSince"/> and nothing waits.</summary>
    public bool TryDeactivate(DateTimeOffset idleSince)
    {
        lock (_gate)
        {
            if (_closed || _pending > 0 || LastUsed > idleSince) return false;
            _closed = true;
            _mailbox.Writer.TryComplete();
            return true;
        }
    }

    private async Task RunAsync()
    {
        await foreach (var turn in _mailbox.Reader.ReadAllAsync())
        {
            await RunTurnAsync(turn);
            lock (_gate)
            {
                _pending--;
                LastUsed = _runtime.Clock.GetUtcNow();
            }
        }
    }

    private async Task RunTurnAsync(Turn turn)
    {
        RequestContext.Import(turn.Context);
        CallContext.Chain = turn.Chain.Add(Id);
        CallContext.Operation = turn.Operation;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _instance ??= await ActivateAsync();
                turn.Completion.TrySetResult(await turn.Invoke(_instance));
                return;
            }
            catch (InconsistentStateException ex) when (attempt <= _runtime.Options.MaxConflictRetries)
            {
                _runtime.Logger.LogDebug("{Grain}: version conflict in {Operation} ({Message}); reloading, attempt {Attempt}", Id, turn.Operation, ex.Message, attempt);
                _instance = null;
            }
            catch (Exception ex)
            {
                _instance = null;
                turn.Completion.TrySetException(ex);
                return;
            }
        }
    }

    private async Task<Grain> ActivateAsync()
    {
        var ledger = new LedgerBuffer();
        var state = _class.StateType is { } stateType
            ? Activator.CreateInstance(typeof(PersistentState<>).MakeGenericType(stateType), Id, _runtime.Storage, ledger)
            : null;
        var facets = new List<object>();
        if (state is not null) facets.Add(state);
        if (_class.UsesLedger) facets.Add(ledger);
        var grain = (Grain)ActivatorUtilities.CreateInstance(_runtime.Services, _class.Implementation, [.. facets]);
        grain.Context = new ActivationContext(Id, _runtime);
        if (state is IRuntimeState loadable) await loadable.ReadStateAsync();
        await grain.OnActivateAsync(CancellationToken.None);
        return grain;
    }

    private sealed class ActivationContext(GrainId id, GrainRuntime runtime) : IGrainContext, IGrainReminders
    {
        public string PrimaryKey => id.Key;
        public IGrainFactory GrainFactory => runtime.Factory;
        public IGrainReminders Reminders => this;

        public Task RegisterOrUpdate(string name, TimeSpan dueTime, TimeSpan period) =>
            runtime.Reminders.UpsertAsync(id, name, runtime.Clock.GetUtcNow() + dueTime, period);

        public Task Unregister(string name) => runtime.Reminders.DeleteAsync(id, name);
    }
}
