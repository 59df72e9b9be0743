using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>The document's title and what it guarantees (the bearer scheme is added by <see cref="BearerSecurityTransformer"/>).</summary>
internal sealed class MarketDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "PatentNav Market";
        document.Info.Description =
            "The REST API of the PatentNav Market (see docs/API.md). Every property is typed (`x-free-form` marks the few " +
            "genuinely free-form values); `required` lists exactly the properties the server refuses a request without, " +
            "and the response properties that are always present and never null. Every refusal is `application/problem+json` " +
            "with a stable `code`; each operation lists its statuses with their codes. Operations that move money require an " +
            "`Idempotency-Key` header. Requests Kestrel refuses before any operation runs are problems too: 400 `bad_request`, " +
            "414 `uri_too_long`, 431 `request_headers_too_large`; an unexpected error is 500 `internal_error`.";
        return Task.CompletedTask;
    }
}
