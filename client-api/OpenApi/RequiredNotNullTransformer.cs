using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>
/// A required property is never null (<see cref="WireSchemaTransformer"/> requires only what the server refuses to go
/// without, or what is never null). The generator wraps a nullable property that refers to a component as
/// <c>oneOf: [{type: null}, {$ref}]</c> after the schema transformers ran, so the wrapper of a required one is
/// unwrapped here, once the document is complete.
/// </summary>
internal sealed class RequiredNotNullTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Required is not { Count: > 0 } required || schema.Properties is not { } properties) continue;
            foreach (var name in required)
            {
                if (!properties.TryGetValue(name, out var property) || property is not OpenApiSchema inline) continue;
                if (inline.OneOf is { Count: 2 } oneOf && oneOf.Count(IsNull) == 1)
                    properties[name] = oneOf.Single(s => !IsNull(s));
                else if (inline.Type is { } type && type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null)
                    inline.Type = type & ~JsonSchemaType.Null;
            }
        }
        return Task.CompletedTask;
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };
}
