using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PatentNav.Market.ClientApi.Idempotency;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>
/// The <c>Idempotency-Key</c> header on every operation whose endpoint carries the metadata of
/// <see cref="IdempotencyExtensions.RequireIdempotencyKey"/>, so it is never declared by hand.
/// </summary>
internal sealed class IdempotencyKeyTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!RequiresKey(context.Description.ActionDescriptor.EndpointMetadata)) return Task.CompletedTask;
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == IdempotencyFilter.Header && p.In == ParameterLocation.Header)) return Task.CompletedTask;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyFilter.Header,
            In = ParameterLocation.Header,
            Required = true,
            Description = "1–255 characters, unique per request the caller means to make once. A retry with the same key, method, path " +
                "and body replays the first answer (kept 48 hours); the same key with another request is 422 `idempotency_key_reused`; " +
                "while the first is still running, 409 `idempotency_key_in_use`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
            Example = System.Text.Json.Nodes.JsonValue.Create("7d1f0c9e-5b4a-4f7e-9a61-2c3b8e0f4d21"),
        });
        return Task.CompletedTask;
    }

    public static bool RequiresKey(IList<object> metadata) => metadata.OfType<IdempotencyExtensions.IdempotentEndpoint>().Any();
}
