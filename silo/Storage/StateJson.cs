using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatentNav.Market.Silo.Storage;

/// <summary>How grain state is serialized to jsonb: camelCase, enums as snake_case strings.</summary>
public static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(object state) => JsonSerializer.Serialize(state, state.GetType(), Options);

    public static object Deserialize(string json, Type type) =>
        JsonSerializer.Deserialize(json, type, Options) ?? throw new InvalidOperationException("Stored state is null.");
}
