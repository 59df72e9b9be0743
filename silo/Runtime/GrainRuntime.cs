using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatentNav.Market.Silo.Reminders;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>
/// The silo's grain directory: at most one activation per grain id in this process, created on
/// first call and dropped when idle. Other silos may hold their own activation of the same grain;
/// version checks in storage keep them honest.
/// </summary>
internal sealed class GrainRuntime(
    IServiceProvider services,
    GrainTypeRegistry registry,
    IGrainStorage storage,
    IReminderTable reminders,
    TimeProvider clock,
    IOptions<GrainRuntimeOptions> options,
    ILogger<GrainRuntime> logger)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();

    public IServiceProvider Services { get; } = services;
    public GrainTypeRegistry Registry { get; } = registry;
    public IGrainStorage Storage { get; } = storage;
    public IReminderTable Reminders { get; } = reminders;
    public TimeProvider Clock { get; } = clock;
    public GrainRuntimeOptions Options { get; } = options.Value;
    public ILogger Logger { get; } = logger;
    public GrainFactory Factory => field ??= new GrainFactory(this);

    public int ActivationCount => _activations.Count;

    /// <summary>Runs <paramref name="invoke"/> as a turn of grain <paramref name="id"/> and waits for it, at most the call timeout.</summary>
    public async Task<object?> CallAsync(GrainId id, string operation, Func<object, Task<object?>> invoke)
    {
        var chain = CallContext.Chain;
        if (chain.Contains(id))
            throw new GrainCallCycleException(
                $"Call chain {string.Join(" -> ", chain.Append(id))} comes back to {id}, which is busy awaiting it; grains are not reentrant.");

        var turn = new Turn(operation, invoke, chain, Grains.Abstractions.RequestContext.Export());
        while (true)
        {
            var activation = _activations.GetOrAdd(id, key => new GrainActivation(key, Registry.ForName(key.Type), this));
            if (activation.TryEnqueue(turn)) break;
            _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(id, activation));
        }
        try
        {
            return await turn.Completion.Task.WaitAsync(Options.CallTimeout);
        }
        catch (TimeoutException) when (!turn.Completion.Task.IsCompleted)
        {
            throw new TimeoutException($"Call {id}.{operation} did not complete within {Options.CallTimeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Deactivates activations idle for longer than the configured age; returns how many.</summary>
    public int CollectIdle()
    {
        var idleSince = Clock.GetUtcNow() - Options.IdleDeactivationAfter;
        var collected = 0;
        foreach (var (id, activation) in _activations)
            if (activation.TryDeactivate(idleSince) && _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(id, activation)))
                collected++;
        return collected;
    }
}
