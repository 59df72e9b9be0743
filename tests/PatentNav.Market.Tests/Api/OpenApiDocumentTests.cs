using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.ClientApi.OpenApi;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Issue 14: the served document (<c>/openapi/v1.json</c>) is complete enough to generate a typed client from
/// (openapi-typescript and the like). Each test names every offending operation or property and what to add, so an
/// endpoint added without its documentation fails here when it is merged. The conventions are in
/// <c>client-api/OpenApi/</c>; per endpoint only its own mapping chain is edited.
/// Set <c>MARKET_OPENAPI_DUMP</c> to a file path to keep the document this test read.
/// </summary>
public sealed class OpenApiDocumentTests(MarketApp app) : IClassFixture<MarketApp>
{
    private const string HowTo = "(conventions: client-api/OpenApi/MarketOpenApi.cs; docs/API.md \"The OpenAPI document\")";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;

    private sealed record Operation(string Method, string Path, JsonElement Body, Endpoint? Endpoint)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    private async Task<JsonElement> Document()
    {
        var response = await app.ClientWith(null).GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        if (Environment.GetEnvironmentVariable("MARKET_OPENAPI_DUMP") is { Length: > 0 } dump) await File.WriteAllTextAsync(dump, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<(JsonElement Doc, IReadOnlyList<Operation> Operations)> Operations()
    {
        var doc = await Document();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var operations = new List<Operation>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
                operations.Add(new Operation(method.Name, path.Name, method.Value, endpoints.FirstOrDefault(e =>
                    "/" + e.RoutePattern.RawText?.Trim('/') == path.Name.TrimEnd('/')
                    && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method.Name, StringComparer.OrdinalIgnoreCase) == true)));
        Assert.NotEmpty(operations);
        return (doc, operations);
    }

    private static void NoOffenders(IEnumerable<string> offenders, string what)
    {
        var list = offenders.Distinct().ToList();
        Assert.True(list.Count == 0, $"{list.Count} {what} {HowTo}:\n  " + string.Join("\n  ", list));
    }

    [Fact]
    public async Task The_market_api_is_documented_and_the_dashboard_is_not()
    {
        var (_, operations) = await Operations();
        Assert.Contains(operations, o => o.Path == "/api/v1/pools" && o.Method == "post");
        Assert.DoesNotContain(operations, o => o.Path.StartsWith("/dashboard", StringComparison.Ordinal));
        NoOffenders(operations.Where(o => o.Endpoint is null).Select(o => $"{o}: no endpoint matches this operation"), "operations without an endpoint");
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_a_description()
    {
        var (_, operations) = await Operations();
        NoOffenders(operations.SelectMany(o => new[]
        {
            Text(o.Body, "summary") ? null : $"{o}: add .WithSummary(\"…\") (a short phrase) to its mapping chain",
            Text(o.Body, "description") ? null : $"{o}: add .WithDescription(\"…\") (who may call it, what it does, what it answers) to its mapping chain",
        }).OfType<string>(), "operations without summary or description");
    }

    [Fact]
    public async Task Every_problem_response_is_problem_json_with_its_codes()
    {
        var (_, operations) = await Operations();
        var offenders = new List<string>();
        foreach (var o in operations)
        {
            foreach (var response in o.Body.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var media) || !media.TryGetProperty("schema", out _))
                    offenders.Add($"{o} {response.Name}: not application/problem+json; declare it with .Refuses({response.Name}, \"code\", …), not .Produces");
                if (!response.Value.TryGetProperty("x-problem-codes", out var codes) || codes.GetArrayLength() == 0)
                    offenders.Add($"{o} {response.Name}: no problem codes; declare it with .Refuses({response.Name}, \"code\", …) naming the codes it answers");
                if (content.ValueKind == JsonValueKind.Object && content.EnumerateObject().Any(c => c.Name != "application/problem+json"))
                    offenders.Add($"{o} {response.Name}: a refusal has no other content type than application/problem+json");
            }
            // A handler that can answer a problem must say which: the conventional 401/403/503/bad-JSON ones are not enough.
            if (o.Endpoint is { } endpoint && ReturnsProblems(endpoint) && !endpoint.Metadata.OfType<ProblemCodes>().Any())
                offenders.Add($"{o}: its handler ({Handler(endpoint)?.DeclaringType?.Name}.{Handler(endpoint)?.Name}) returns problems; add .Refuses(status, \"code\", …) for each status it or its grains answer (docs/API.md, Errors)");
        }
        NoOffenders(offenders, "problem responses missing or untyped");
    }

    [Fact]
    public async Task Every_operation_has_a_typed_success_response()
    {
        var (_, operations) = await Operations();
        NoOffenders(operations.Where(o => !o.Body.GetProperty("responses").EnumerateObject().Any(r =>
                r.Name[0] == '2' && (r.Name == "204" || (r.Value.TryGetProperty("content", out var c) && c.EnumerateObject().Any(m => m.Value.TryGetProperty("schema", out _))))))
            .Select(o => $"{o}: no 2xx response with a schema; add .Produces<TResponse>() (the handler returns IResult) or return TypedResults"),
            "operations without a typed success response");
    }

    [Fact]
    public async Task Operations_that_require_an_idempotency_key_declare_the_header()
    {
        var (_, operations) = await Operations();
        var idempotent = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.OfType<ClientApi.Idempotency.IdempotencyExtensions.IdempotentEndpoint>().Any()).ToList();
        Assert.NotEmpty(idempotent);
        var offenders = new List<string>();
        foreach (var o in operations)
        {
            var required = o.Endpoint is { } e && idempotent.Contains(e);
            var header = o.Body.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header")
                : default;
            if (required && (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("required", out var r) || !r.GetBoolean()))
                offenders.Add($"{o}: requires an Idempotency-Key (.RequireIdempotencyKey()) but the document has no required header; IdempotencyKeyTransformer must add it");
            if (!required && header.ValueKind == JsonValueKind.Object)
                offenders.Add($"{o}: documents an Idempotency-Key header the endpoint does not require; use .RequireIdempotencyKey() instead of declaring it");
        }
        Assert.Contains(operations, o => o.Path == "/api/v1/invoices/{id}/payments" && o.Endpoint is { } e && idempotent.Contains(e));
        NoOffenders(offenders, "Idempotency-Key mismatches");
    }

    [Fact]
    public async Task Only_operations_that_need_a_token_carry_the_bearer_scheme()
    {
        var (doc, operations) = await Operations();
        Assert.False(doc.TryGetProperty("security", out _), "No document-wide security: anonymous operations would inherit it.");
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        var offenders = new List<string>();
        foreach (var o in operations.Where(o => o.Endpoint is not null))
        {
            var secured = o.Body.TryGetProperty("security", out var security) && security.EnumerateArray().Any(s => s.TryGetProperty("bearer", out _));
            var anonymous = o.Endpoint!.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
                || o.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null
                && o.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>() is null;
            if (secured == anonymous) offenders.Add($"{o}: {(anonymous ? "anonymous but documented with" : "needs a token but documented without")} the bearer scheme");
            if (!anonymous && !o.Body.GetProperty("responses").TryGetProperty("401", out _)) offenders.Add($"{o}: needs a token but has no 401");
        }
        Assert.Contains(operations, o => o.Path == "/api/v1/pools/{id}/quote" && !o.Body.TryGetProperty("security", out _));
        Assert.Contains(operations, o => o.Path == "/webhooks/stripe" && !o.Body.TryGetProperty("security", out _));
        NoOffenders(offenders, "security mismatches");
    }

    [Fact]
    public async Task Every_property_is_typed()
    {
        var doc = await Document();
        var offenders = new List<string>();
        foreach (var schema in doc.GetProperty("components").GetProperty("schemas").EnumerateObject())
            Walk(schema.Value, schema.Name, (s, where) => { if (Untyped(s)) offenders.Add(where); });
        foreach (var (where, schema) in OperationSchemas(doc))
            Walk(schema, where, (s, at) => { if (Untyped(s)) offenders.Add(at); });
        NoOffenders(offenders.Select(o => $"{o}: untyped ({{}}); give the CLR type a schema (WireSchemaTransformer) or, if it is genuinely free-form, mark it x-free-form with a description"),
            "untyped schemas");
    }

    [Fact]
    public async Task No_property_is_both_nullable_and_required()
    {
        var doc = await Document();
        var offenders = new List<string>();
        foreach (var schema in doc.GetProperty("components").GetProperty("schemas").EnumerateObject())
            Walk(schema.Value, schema.Name, (s, where) =>
            {
                if (!s.TryGetProperty("required", out var required) || !s.TryGetProperty("properties", out var properties)) return;
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    if (!properties.TryGetProperty(name, out var property)) offenders.Add($"{where}.{name}: required but not a property");
                    else if (Nullable(property)) offenders.Add($"{where}.{name}: nullable and required; mark the record parameter [Required] if the server refuses a request without it, else it is optional");
            });
        NoOffenders(offenders, "nullable-but-required properties");
    }

    [Fact]
    public async Task Required_request_fields_are_not_nullable_and_nullable_response_fields_are_optional()
    {
        var schemas = (await Document()).GetProperty("components").GetProperty("schemas");
        string[] Required(string name) => [.. schemas.GetProperty(name).GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order()];
        Assert.Equal(["kind", "name"], Required("CreatePartyRequest"));
        Assert.Equal(["adminFeeBps", "administratorId", "currency", "name", "productCategories"], Required("CreatePoolRequest"));
        Assert.Equal(["amount", "currency"], Required("MoneyRequest"));
        // A required request field is not nullable: null is refused like a missing value.
        Assert.Equal("string", schemas.GetProperty("CreatePartyRequest").GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
        // Responses: always-present fields required, nullable ones optional.
        var party = Required("PartyView");
        Assert.Contains("id", party);
        Assert.DoesNotContain("creditCode", party);

    }

    /// <summary>
    /// <c>required</c> of a request body is what the server refuses to go without: an empty body (sent by the admin, who
    /// passes every role check) is 400 naming exactly the required fields, no more and no fewer.
    /// </summary>
    [Theory]
    [InlineData("/api/v1/parties")]
    [InlineData("/api/v1/patents")]
    [InlineData("/api/v1/pools")]
    [InlineData("/api/v1/licences")]
    [InlineData("/api/v1/transfers")]
    [InlineData("/api/v1/pledges")]
    [InlineData("/api/v1/payouts")]
    public async Task An_empty_body_is_refused_naming_exactly_the_required_fields(string path)
    {
        var doc = await Document();
        var schema = Resolve(doc, doc.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var required = schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order().ToArray();
        Assert.NotEmpty(required);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var problem = await (await app.Admin().SendAsync(request)).ShouldBeProblem(400, "validation_failed");
        Assert.Equal(required, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray());
    }

    /// <summary>The Errors table of docs/API.md and the document agree: each code the table lists is answered by some operation, and each code an operation lists is in the table.</summary>
    [Fact]
    public async Task The_document_and_the_errors_table_list_the_same_problem_codes()
    {
        var (_, operations) = await Operations();
        var documented = operations.SelectMany(o => o.Body.GetProperty("responses").EnumerateObject()
                .Where(r => r.Value.TryGetProperty("x-problem-codes", out _))
                .SelectMany(r => r.Value.GetProperty("x-problem-codes").EnumerateArray().Select(c => (Status: r.Name, Code: c.GetString()!, Operation: o.ToString()))))
            .ToList();
        var table = ErrorsTable();
        // Answered before any operation runs (Kestrel, an unknown route) or by no operation on purpose: in the document's description instead.
        string[] outsideOperations = ["bad_request", "uri_too_long", "request_headers_too_large", "internal_error", "not_found"];
        var offenders = table.Where(t => !outsideOperations.Contains(t.Code) && !documented.Any(d => d.Code == t.Code && t.Statuses.Contains(d.Status)))
            .Select(t => $"`{t.Code}` ({string.Join("/", t.Statuses)}) is in docs/API.md's Errors table but no operation lists it: add .Refuses({t.Statuses[0]}, \"{t.Code}\") where it is answered, or drop it from the table")
            .Concat(documented.Where(d => !table.Any(t => t.Code == d.Code && t.Statuses.Contains(d.Status)))
                .GroupBy(d => (d.Status, d.Code)).Select(g => $"`{g.Key.Code}` ({g.Key.Status}, e.g. {g.First().Operation}) is not in docs/API.md's Errors table under {g.Key.Status}: add it there"));
        NoOffenders(offenders, "problem codes the document and docs/API.md disagree on");
    }

    private static List<(string Code, string[] Statuses)> ErrorsTable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PatentNav.Market.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var lines = File.ReadAllLines(Path.Combine(dir.FullName, "docs", "API.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Errors", StringComparison.Ordinal));
        var rows = new List<(string, string[])>();
        foreach (var line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            var statuses = System.Text.RegularExpressions.Regex.Matches(cells[1], "[0-9]{3}").Select(m => m.Value).ToArray();
            if (statuses.Length == 0) continue;
            // "401 / 403 | `unauthenticated` / `forbidden`": the n-th code group goes with the n-th status.
            var groups = cells[2].Split(" / ");
            for (var i = 0; i < groups.Length; i++)
                foreach (System.Text.RegularExpressions.Match code in System.Text.RegularExpressions.Regex.Matches(groups[i], "`([a-z0-9_]+)`"))
                    rows.Add((code.Groups[1].Value, groups.Length == statuses.Length ? [statuses[i]] : statuses));
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    [Theory]
    [InlineData("post", "/api/v1/patents")]
    [InlineData("post", "/api/v1/pools")]
    [InlineData("post", "/api/v1/pools/{id}/rate-cards")]
    [InlineData("post", "/api/v1/pools/{id}/licences")]
    [InlineData("post", "/api/v1/licences/{id}/royalty-reports")]
    [InlineData("post", "/api/v1/invoices/{id}/payments")]
    [InlineData("post", "/api/v1/transfers")]
    [InlineData("post", "/api/v1/pledges")]
    public async Task The_main_requests_have_an_example_that_fits_their_schema(string method, string path)
    {
        var doc = await Document();
        var body = doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(body.TryGetProperty("example", out var example), $"{method.ToUpperInvariant()} {path}: add .WithRequestExample(new …Request(…)) to its mapping chain");
        var problems = new List<string>();
        Fits(doc, body.GetProperty("schema"), example, "$", problems);
        NoOffenders(problems, $"example mismatches on {method.ToUpperInvariant()} {path}");
    }

    /// <summary>The example against its schema: known properties only, every required one present, and (recursively) the same for nested objects and arrays.</summary>
    private static void Fits(JsonElement doc, JsonElement schema, JsonElement value, string at, List<string> problems)
    {
        schema = Resolve(doc, schema);
        if (schema.TryGetProperty("oneOf", out var oneOf)) schema = Resolve(doc, oneOf.EnumerateArray().First(s => !IsNullType(s)));
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in value.EnumerateObject())
                if (!properties.TryGetProperty(p.Name, out var ps)) problems.Add($"{at}.{p.Name}: not in the schema");
                else Fits(doc, ps, p.Value, $"{at}.{p.Name}", problems);
            if (schema.TryGetProperty("required", out var required))
                foreach (var r in required.EnumerateArray().Select(r => r.GetString()!))
                    if (!value.TryGetProperty(r, out _)) problems.Add($"{at}.{r}: required but missing");
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Fits(doc, items, item, $"{at}[{i++}]", problems);
        }
        else if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
            problems.Add($"{at}: {value} is not one of {values}");
    }

    private static JsonElement Resolve(JsonElement doc, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static bool Text(JsonElement operation, string property) =>
        operation.TryGetProperty(property, out var value) && !string.IsNullOrWhiteSpace(value.GetString());

    private static bool IsNullType(JsonElement s) => s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private static bool Nullable(JsonElement s) =>
        (s.TryGetProperty("type", out var t) && (t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Any(x => x.GetString() == "null") : t.GetString() == "null"))
        || (s.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True)
        || new[] { "oneOf", "anyOf" }.Any(k => s.TryGetProperty(k, out var alternatives) && alternatives.EnumerateArray().Any(Nullable));

    private static bool Untyped(JsonElement s) =>
        !new[] { "type", "$ref", "oneOf", "anyOf", "allOf", "enum", "const" }.Any(k => s.TryGetProperty(k, out _))
        && !(s.TryGetProperty(WireSchemaTransformer.FreeForm, out var free) && free.ValueKind == JsonValueKind.True);

    /// <summary>Visits a schema and every schema inside it (properties, items, map values, alternatives); an array without items is untyped at its items.</summary>
    private static void Walk(JsonElement s, string where, Action<JsonElement, string> visit)
    {
        if (s.ValueKind != JsonValueKind.Object) return;
        visit(s, where);
        if (s.TryGetProperty("properties", out var properties))
            foreach (var p in properties.EnumerateObject()) Walk(p.Value, $"{where}.{p.Name}", visit);
        if (s.TryGetProperty("items", out var items)) Walk(items, where + "[]", visit);
        else if (s.TryGetProperty("type", out var t) && (t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Any(x => x.GetString() == "array") : t.GetString() == "array"))
            visit(Empty, where + "[]");
        if (s.TryGetProperty("additionalProperties", out var map)) Walk(map, where + "{}", visit);
        foreach (var k in new[] { "oneOf", "anyOf", "allOf" })
            if (s.TryGetProperty(k, out var alternatives)) foreach (var a in alternatives.EnumerateArray()) Walk(a, where, visit);
    }

    /// <summary>Inline schemas of operations: parameters, request bodies and responses.</summary>
    private static IEnumerable<(string Where, JsonElement Schema)> OperationSchemas(JsonElement doc)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var op = $"{method.Name.ToUpperInvariant()} {path.Name}";
                if (method.Value.TryGetProperty("parameters", out var parameters))
                    foreach (var p in parameters.EnumerateArray())
                        yield return ($"{op} parameter {p.GetProperty("name").GetString()}", p.GetProperty("schema"));
                if (method.Value.TryGetProperty("requestBody", out var request))
                    foreach (var media in request.GetProperty("content").EnumerateObject())
                        if (media.Value.TryGetProperty("schema", out var schema)) yield return ($"{op} body {media.Name}", schema);
                foreach (var response in method.Value.GetProperty("responses").EnumerateObject())
                    if (response.Value.TryGetProperty("content", out var content))
                        foreach (var media in content.EnumerateObject())
                            if (media.Value.TryGetProperty("schema", out var schema)) yield return ($"{op} {response.Name} {media.Name}", schema);
            }
    }

    private static MethodInfo? Handler(Endpoint endpoint) => endpoint.Metadata.GetMetadata<MethodInfo>();

    /// <summary>Whether the handler's declared result can be a problem: <see cref="ProblemHttpResult"/> in its result union, or a bare <see cref="IResult"/>.</summary>
    private static bool ReturnsProblems(Endpoint endpoint)
    {
        if (Handler(endpoint)?.ReturnType is not { } type) return false;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))) type = type.GetGenericArguments()[0];
        return type == typeof(IResult) || type == typeof(ProblemHttpResult) || (type.IsGenericType && type.GetGenericArguments().Contains(typeof(ProblemHttpResult)));
    }
}
