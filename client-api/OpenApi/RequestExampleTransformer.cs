using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>
/// Puts an endpoint's <see cref="RequestExample"/> on its JSON request body. The example is a typed request record
/// serialized with the API's JSON options, so it compiles against the contract and is exactly what the server reads.
/// </summary>
internal sealed class RequestExampleTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().LastOrDefault() is not { } example
            || operation.RequestBody?.Content is not { } content) return Task.CompletedTask;
        // Without the nulls of fields left out: an example shows what a client sends.
        var options = new JsonSerializerOptions(context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        var node = JsonSerializer.SerializeToNode(example.Value, example.Type, options);
        foreach (var (type, media) in content)
            if (type.Contains("json", StringComparison.OrdinalIgnoreCase)) media.Example = node?.DeepClone();
        return Task.CompletedTask;
    }
}
