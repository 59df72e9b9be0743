namespace PatentNav.Market.Grains.Abstractions;

/// <summary>
/// Ambient values that flow with a call chain across grain calls (Orleans: <c>RequestContext</c>).
/// The gateway puts the authenticated caller here; the runtime journals it with every write.
/// </summary>
public static class RequestContext
{
    public const string CallerKey = "caller";

    private static readonly AsyncLocal<IReadOnlyDictionary<string, object>?> Values = new();

    public static object? Get(string key) =>
        Values.Value is { } values && values.TryGetValue(key, out var value) ? value : null;

    public static void Set(string key, object value)
    {
        var copy = Values.Value is { } values ? new Dictionary<string, object>(values) : new Dictionary<string, object>();
        copy[key] = value;
        Values.Value = copy;
    }

    /// <summary>The party or principal on whose behalf the current call runs, if known.</summary>
    public static string? Caller => Get(CallerKey) as string;

    internal static IReadOnlyDictionary<string, object>? Export() => Values.Value;

    internal static void Import(IReadOnlyDictionary<string, object>? values) => Values.Value = values;
}
