namespace PatentNav.Market.Grains.Abstractions;

/// <summary>
/// A grain's durable state, loaded before activation and written with a version check
/// (Orleans: <c>Orleans.Runtime.IPersistentState&lt;T&gt;</c>).
/// A write that loses a version race throws <see cref="InconsistentStateException"/>;
/// the runtime then reloads the grain and re-runs the call, so grain methods write last.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The stored version, or null before the first write.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    Task WriteStateAsync();
}

/// <summary>Another writer changed the state since it was read (Orleans: <c>InconsistentStateException</c>).</summary>
public sealed class InconsistentStateException(string message) : Exception(message);
