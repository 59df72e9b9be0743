using System.Collections.Immutable;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>
/// What the runtime knows about the turn running on this async flow: the chain of grains that
/// led to it (to refuse calls back into a busy grain) and the grain method being run (journaled).
/// </summary>
internal static class CallContext
{
    private static readonly AsyncLocal<ImmutableArray<GrainId>> ChainSlot = new();
    private static readonly AsyncLocal<string?> OperationSlot = new();

    public static ImmutableArray<GrainId> Chain
    {
        get => ChainSlot.Value.IsDefault ? [] : ChainSlot.Value;
        set => ChainSlot.Value = value;
    }

    public static string Operation
    {
        get => OperationSlot.Value ?? "unknown";
        set => OperationSlot.Value = value;
    }
}

/// <summary>A call came back to a grain that is waiting on the call: it would never finish.</summary>
public sealed class GrainCallCycleException(string message) : TimeoutException(message);
