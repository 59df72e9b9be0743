using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatentNav.Market.ClientApi.OpenApi;

/// <summary>
/// The bearer scheme on exactly the operations that need a token (authorization metadata and no
/// <c>AllowAnonymous</c>), with the roles the endpoint's policy admits in <c>x-roles</c>.
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiOperationTransformer
{
    public const string SchemeName = "bearer";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!RequiresToken(metadata)) return Task.CompletedTask;

        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        if (document.Components.SecuritySchemes?.ContainsKey(SchemeName) != true)
            document.AddComponent<IOpenApiSecurityScheme>(SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The admin token (Market:AdminToken) or an API key issued by POST /api/v1/parties/{id}/api-keys.",
            });
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        if (Roles(metadata) is { Count: > 0 } roles)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-roles"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. roles.Select(r => (System.Text.Json.Nodes.JsonNode)r)]));
        }
        return Task.CompletedTask;
    }

    /// <summary>As the authorization middleware decides: any <see cref="IAllowAnonymous"/> wins over every requirement.</summary>
    public static bool RequiresToken(IList<object> metadata) =>
        !metadata.OfType<IAllowAnonymous>().Any() && (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any());

    /// <summary>The roles of the endpoint's role policy (admin included); empty when any authenticated caller passes.</summary>
    public static IReadOnlyList<string> Roles(IList<object> metadata) =>
        [.. metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Distinct()];
}
