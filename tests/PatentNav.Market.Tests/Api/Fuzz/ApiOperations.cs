using System.Text.Json;

namespace PatentNav.Market.Tests.Api.Fuzz;

/// <summary>A parameter of an operation as the OpenAPI document states it (<c>in</c>: path, query or header).</summary>
public sealed record ApiParameter(string Name, string In, JsonElement? Schema, bool Required);

/// <summary>
/// One operation of the served OpenAPI document: method, path template, parameters and the request body's schema
/// (null when the operation takes no body). Read from the document, so operations added later are fuzzed too.
/// </summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, JsonElement? BodySchema, IReadOnlyList<string> BodyContentTypes)
{
    /// <summary>The problem codes the document lists per refusal status (<c>x-problem-codes</c>).</summary>
    public Dictionary<int, HashSet<string>> ProblemCodes { get; } = [];

    /// <summary>Whether the document lists this refusal for the operation.</summary>
    public bool Documents(int status, string code) => ProblemCodes.TryGetValue(status, out var codes) && codes.Contains(code);

    public override string ToString() => $"{Method} {Path}";

    public IEnumerable<ApiParameter> In(string location) => Parameters.Where(p => p.In == location);
}

/// <summary>The operations of an OpenAPI 3.x document, with <c>$ref</c> resolution of its schemas.</summary>
public sealed class ApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>
    /// The Orleans Dashboard's live trace streams the silo's log for as long as the client listens: a request to it never
    /// completes, which says nothing about input handling. Everything else in the document is fuzzed.
    /// </summary>
    private static readonly HashSet<string> Streams = ["GET /dashboard/Trace"];

    private readonly JsonElement _document;

    public ApiOperations(JsonElement document)
    {
        _document = document;
        var all = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? common.EnumerateArray().ToList() : [];
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation)) continue;
                var parameters = shared.Concat(operation.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : [])
                    .Select(Resolve)
                    .Select(p => new ApiParameter(
                        p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var schema) ? schema : null,
                        p.TryGetProperty("required", out var required) && required.GetBoolean()))
                    .ToList();
                JsonElement? body = null;
                List<string> contentTypes = [];
                if (operation.TryGetProperty("requestBody", out var requestBody) && Resolve(requestBody).TryGetProperty("content", out var content))
                {
                    foreach (var type in content.EnumerateObject())
                    {
                        contentTypes.Add(type.Name);
                        if (body is null && type.Value.TryGetProperty("schema", out var schema)) body = schema;
                    }
                }
                var op = new ApiOperation(method.ToUpperInvariant(), path.Name, parameters, body, contentTypes);
                if (operation.TryGetProperty("responses", out var responses))
                {
                    foreach (var response in responses.EnumerateObject())
                    {
                        if (int.TryParse(response.Name, out var status) && Resolve(response.Value).TryGetProperty("x-problem-codes", out var codes))
                            op.ProblemCodes[status] = [.. codes.EnumerateArray().Select(c => c.GetString()!)];
                    }
                }
                if (!Streams.Contains(op.ToString())) all.Add(op);
            }
        }
        All = all;
    }

    public IReadOnlyList<ApiOperation> All { get; }

    /// <summary>Follows <c>$ref</c> (local references only, as ASP.NET Core writes them).</summary>
    public JsonElement Resolve(JsonElement element)
    {
        for (var hops = 0; hops < 32 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = _document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
                target = target.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
            element = target;
        }
        return element;
    }

    /// <summary>The schema with references followed and a nullable <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c> reduced to its non-null branch.</summary>
    public JsonElement Effective(JsonElement schema)
    {
        schema = Resolve(schema);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(combinator, out var branches))
            {
                var branch = branches.EnumerateArray().Select(Resolve).FirstOrDefault(b => TypeOf(b) != "null");
                if (branch.ValueKind == JsonValueKind.Object) return Effective(branch);
            }
        }
        return schema;
    }

    /// <summary>The schema's JSON type other than null (<c>["null","integer"]</c> → integer); null when it states none.</summary>
    public static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String) return type.GetString();
            if (type.ValueKind == JsonValueKind.Array)
                return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null";
        }
        if (schema.TryGetProperty("properties", out _)) return "object";
        if (schema.TryGetProperty("items", out _)) return "array";
        if (schema.TryGetProperty("enum", out _)) return "string";
        return null;
    }
}
