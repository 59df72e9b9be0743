using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>
/// The OpenAPI document's conventions, in one place: what every operation gets from its endpoint metadata
/// (security, <c>Idempotency-Key</c>, problem responses, examples) and how CLR types become typed schemas.
/// Endpoints add only what is theirs: <c>.WithSummary</c>, <c>.WithDescription</c>, <c>.Refuses(status, codes)</c>,
/// <c>.Produces&lt;T&gt;</c> when the handler returns <see cref="IResult"/>, and <c>.WithRequestExample</c>.
/// The <c>OpenApiDocumentTests</c> fail when an endpoint lacks any of these.
/// </summary>
public static class MarketOpenApi
{
    public static IServiceCollection AddMarketOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o
            .AddDocumentTransformer<MarketDocumentTransformer>()
            .AddDocumentTransformer<RequiredNotNullTransformer>()
            .AddSchemaTransformer<Errors.EnumSchemaTransformer>()
            .AddSchemaTransformer<WireSchemaTransformer>()
            .AddOperationTransformer<BearerSecurityTransformer>()
            .AddOperationTransformer<IdempotencyKeyTransformer>()
            .AddOperationTransformer<ProblemResponsesTransformer>()
            .AddOperationTransformer<RequestExampleTransformer>());

    /// <summary>
    /// The endpoint answers <paramref name="status"/> as <c>application/problem+json</c> with one of these
    /// <paramref name="codes"/> (listed in the response's description and in <c>x-problem-codes</c>).
    /// Problems every endpoint of a kind can give (401/403, 503, bad JSON, idempotency keys) are added by
    /// <see cref="ProblemResponsesTransformer"/>; list here what the handler and its grains refuse with.
    /// </summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemResponsesTransformer.ContentType]),
            new ProblemCodes(status, codes));

    /// <summary>An example request body, serialized with the API's own JSON options (so it is what the server reads).</summary>
    public static RouteHandlerBuilder WithRequestExample<TRequest>(this RouteHandlerBuilder builder, TRequest example) where TRequest : notnull =>
        builder.WithMetadata(new RequestExample(example, typeof(TRequest)));
}

/// <summary>Endpoint metadata: the problem codes an endpoint answers with one status.</summary>
public sealed record ProblemCodes(int Status, IReadOnlyList<string> Codes);

/// <summary>Endpoint metadata: an example body of the endpoint's request.</summary>
public sealed record RequestExample(object Value, Type Type);
