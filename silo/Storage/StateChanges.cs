using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatentNav.Market.Silo.Storage;

/// <summary>What a state write changed, for the journal: the top-level properties whose values differ.</summary>
public static class StateChanges
{
    /// <summary>
    /// The properties of <paramref name="after"/> that are new or different from <paramref name="before"/>
    /// (the whole of <paramref name="after"/> when there is no before), and each property it no longer has, as null.
    /// </summary>
    public static string Between(string? before, string after)
    {
        if (before is null) return after;
        var old = JsonNode.Parse(before) as JsonObject;
        var now = JsonNode.Parse(after) as JsonObject;
        if (old is null || now is null) return after;
        var changes = new JsonObject();
        foreach (var (name, value) in now)
            if (!old.TryGetPropertyValue(name, out var previous) || !JsonNode.DeepEquals(previous, value))
                changes[name] = value?.DeepClone();
        foreach (var (name, _) in old)
            if (!now.ContainsKey(name)) changes[name] = null;
        return changes.ToJsonString();
    }

    public static JsonElement AsElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
