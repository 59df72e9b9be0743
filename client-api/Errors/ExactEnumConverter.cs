using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatentNav.Market.ClientApi.Errors;

/// <summary>
/// The wire names of an enum: its members in snake_case (<c>OperatingCenter</c> → <c>operating_center</c>), exactly.
/// <see cref="JsonStringEnumConverter"/> reads case-insensitively (<c>ADMIN</c>, <c>operatingCenter</c> pass), so
/// reading goes through this lookup instead: only the documented names, no other case, no integers.
/// </summary>
public static class WireEnum<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(Name, StringComparer.Ordinal);

    /// <summary>All wire names, for messages ("Expected one of …").</summary>
    public static string Expected { get; } = $"Expected one of {string.Join(", ", Enum.GetValues<TEnum>().Select(Name))}.";

    public static string Name(TEnum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse(string? text, out TEnum value) => ByName.TryGetValue(text ?? "", out value);
}

/// <summary>Enums as their exact snake_case names (<see cref="WireEnum{TEnum}"/>); anything else is a <see cref="JsonException"/> (400 <c>invalid_json</c> naming the field).</summary>
public sealed class ExactEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ExactEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class ExactEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && WireEnum<TEnum>.TryParse(reader.GetString(), out var value)
                ? value
                : throw new JsonException(WireEnum<TEnum>.Expected);

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(WireEnum<TEnum>.Name(value));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            WireEnum<TEnum>.TryParse(reader.GetString(), out var value) ? value : throw new JsonException(WireEnum<TEnum>.Expected);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(WireEnum<TEnum>.Name(value));
    }
}

/// <summary>
/// OpenAPI knows the enum values of <see cref="JsonStringEnumConverter"/> only; with <see cref="ExactEnumConverterFactory"/>
/// this puts them back: every enum schema is a string with its wire names.
/// </summary>
internal sealed class EnumSchemaTransformer : Microsoft.AspNetCore.OpenApi.IOpenApiSchemaTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiSchema schema, Microsoft.AspNetCore.OpenApi.OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (EnumOf(context.JsonTypeInfo.Type) is { } type) Describe(schema, type);
        // A list of enums (roles): the exporter leaves its items empty, so they are described here.
        else if (EnumOf(context.JsonTypeInfo.ElementType) is { } element && schema.Items is null or Microsoft.OpenApi.OpenApiSchema { Type: null, Enum: null or { Count: 0 } })
            schema.Items = Describe(new Microsoft.OpenApi.OpenApiSchema(), element);
        return Task.CompletedTask;
    }

    private static Type? EnumOf(Type? type) => (type is null ? null : Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;

    private static Microsoft.OpenApi.OpenApiSchema Describe(Microsoft.OpenApi.OpenApiSchema schema, Type type)
    {
        schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
        schema.Enum = [.. Enum.GetNames(type).Select(name => (System.Text.Json.Nodes.JsonNode)JsonNamingPolicy.SnakeCaseLower.ConvertName(name))];
        return schema;
    }
}
