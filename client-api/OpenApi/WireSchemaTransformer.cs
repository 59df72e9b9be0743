using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>
/// Schemas as the wire has them, for typed clients:
/// <list type="bullet">
/// <item>strings are <c>type: string</c> (the exporter gives up on types with a custom converter, and every string has
/// one: <c>StorableStringConverter</c>), in arrays too;</item>
/// <item><c>required</c> is what the server requires: a property marked <see cref="RequiredAttribute"/> (a request field
/// the handler refuses without; then it is not nullable either, since null is refused the same way), or a non-nullable
/// property; a nullable property is optional and nullable;</item>
/// <item><see cref="JsonElement"/> (audit changes) is free-form by nature: described and marked <c>x-free-form</c>;</item>
/// <item><see cref="ProblemDetails"/> has our <c>code</c> and <c>errors</c>.</item>
/// </list>
/// </summary>
internal sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    public const string FreeForm = "x-free-form";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(string) && schema.Type is null) schema.Type = JsonSchemaType.String;
        if (context.JsonTypeInfo.ElementType is { } element && (Nullable.GetUnderlyingType(element) ?? element) == typeof(string)
            && schema.Items is null or OpenApiSchema { Type: null, OneOf: null, AnyOf: null, AllOf: null })
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        if (type == typeof(JsonElement) || type == typeof(JsonNode) || type == typeof(JsonObject))
        {
            schema.Description ??= "Free-form JSON: any value.";
            schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            schema.Extensions[FreeForm] = new JsonNodeExtension(JsonValue.Create(true));
        }
        if (typeof(ProblemDetails).IsAssignableFrom(type)) DescribeProblem(schema);

        if (context.JsonPropertyInfo is { } property) Property(schema, property);
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 } && !typeof(ProblemDetails).IsAssignableFrom(type))
            Required(schema, context.JsonTypeInfo);
        return Task.CompletedTask;
    }

    public static bool IsMarkedRequired(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true;

    public static bool IsNullable(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && (property.IsGetNullable || property.IsSetNullable || property.AssociatedParameter?.IsNullable == true));

    /// <summary>The property's own (inline) schema: null allowed exactly when the property is nullable and not required.</summary>
    private static void Property(OpenApiSchema schema, JsonPropertyInfo property)
    {
        // ProblemDetails' own properties are described whole by DescribeProblem. A property referring to a component gets
        // its nullable wrapper (oneOf null, $ref) only after the transformers ran: RequiredNotNullTransformer unwraps it.
        if (typeof(ProblemDetails).IsAssignableFrom(property.DeclaringType) || schema.OneOf is { Count: > 0 }) return;
        var nullable = IsNullable(property) && !IsMarkedRequired(property);
        if (schema.Type is not { } t || t == JsonSchemaType.Object && schema.Properties is { Count: > 0 }) return;
        if (property.PropertyType.IsEnum || Nullable.GetUnderlyingType(property.PropertyType) is { IsEnum: true }) return;
        schema.Type = nullable ? t | JsonSchemaType.Null : t & ~JsonSchemaType.Null;
    }

    private static void Required(OpenApiSchema schema, JsonTypeInfo info)
    {
        schema.Required ??= new HashSet<string>();
        foreach (var property in info.Properties)
        {
            if (!schema.Properties!.ContainsKey(property.Name)) continue;
            if (IsMarkedRequired(property)) schema.Required.Add(property.Name);
            else if (IsNullable(property) || property.AssociatedParameter is { HasDefaultValue: true }) schema.Required.Remove(property.Name);
            else schema.Required.Add(property.Name);
        }
    }

    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Description = "RFC 9457 problem details. `code` is stable (clients branch on it); `errors` names the fields at fault by JSON path.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "`urn:patentnav:problem:{code}`." };
        schema.Properties["title"] = new OpenApiSchema { Type = JsonSchemaType.String };
        schema.Properties["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        schema.Properties["detail"] = new OpenApiSchema { Type = JsonSchemaType.String };
        schema.Properties["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null };
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable problem code, e.g. `pool_not_found`." };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Field problems, keyed by the field's JSON path (`ownerIds[1]`, `value.amount`).",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Required = new HashSet<string> { "type", "title", "status", "code" };
    }
}
