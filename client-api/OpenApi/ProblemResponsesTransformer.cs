using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PatentNav.Market.ClientApi.Idempotency;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>
/// Every 4xx/5xx response of an operation as <c>application/problem+json</c> (<see cref="ProblemDetails"/> with our
/// <c>code</c> and <c>errors</c>), its codes in the description and in <c>x-problem-codes</c>. The codes come from the
/// endpoint's <see cref="ProblemCodes"/> (<see cref="MarketOpenApi.Refuses"/>) and from what the pipeline answers for
/// every endpoint of a kind: 401/403 for a token or a role (<see cref="BearerSecurityTransformer"/>), bad JSON and 413
/// for a body, 400 <c>invalid_parameter</c> for typed parameters, the idempotency key's three, 503 for an outage.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string ContentType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var codes = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, params IEnumerable<string> add)
        {
            if (!codes.TryGetValue(status, out var set)) codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.UnionWith(add);
        }

        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        foreach (var declared in metadata.OfType<ProblemCodes>()) Add(declared.Status, declared.Codes);
        if (BearerSecurityTransformer.RequiresToken(metadata))
        {
            Add(401, "unauthenticated");
            if (BearerSecurityTransformer.Roles(metadata).Count > 0) Add(403, "forbidden");
        }
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            Add(400, "invalid_json", "malformed_json", "missing_body");
            Add(413, "payload_too_large");
        }
        if (description.ParameterDescriptions.Any(p => p.Source != BindingSource.Body && p.Type is { } t && (Nullable.GetUnderlyingType(t) ?? t) != typeof(string)))
            Add(400, "invalid_parameter");
        if (IdempotencyKeyTransformer.RequiresKey(metadata))
        {
            Add(400, "idempotency_key_required");
            Add(409, "idempotency_key_in_use");
            Add(422, "idempotency_key_reused");
        }
        Add(503, "timeout", "cluster_unavailable", "database_unavailable");

        // Statuses the framework's ProducesProblem declared without codes get the conventional ones or stay listed.
        foreach (var (key, _) in operation.Responses ?? [])
            if (int.TryParse(key, out var status) && status >= 400) Add(status);

        var schema = await ProblemSchema(context, cancellationToken);
        operation.Responses ??= [];
        foreach (var (status, set) in codes)
        {
            var text = set.Count == 0 ? "" : " Problem codes: " + string.Join(", ", set.Select(c => $"`{c}`")) + ".";
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = ReasonPhrase(status) + "." + text,
                Content = new Dictionary<string, OpenApiMediaType> { [ContentType] = new() { Schema = schema } },
                Headers = status == 503
                    ? new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } } }
                    : null,
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    ["x-problem-codes"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. set.Select(c => (System.Text.Json.Nodes.JsonNode)c)])),
                },
            };
        }
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    /// <summary>The shared <c>ProblemDetails</c> component (its <c>code</c> and <c>errors</c> come from <see cref="WireSchemaTransformer"/>).</summary>
    private static async Task<IOpenApiSchema> ProblemSchema(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        if (document.Components.Schemas?.ContainsKey(nameof(ProblemDetails)) != true)
            document.AddComponent(nameof(ProblemDetails), await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        return new OpenApiSchemaReference(nameof(ProblemDetails), document);
    }
}
