using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatentNav.Market.ClientApi.Apis;
using PatentNav.Market.ClientApi.Auth;
using PatentNav.Market.ClientApi.Errors;
using PatentNav.Market.Grains.Abstractions;

namespace PatentNav.Market.ClientApi;

/// <summary>The REST gateway: wiring (services) and the request pipeline (app).</summary>
public static class MarketGateway
{
    public static IServiceCollection AddMarketGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GatewayOptions>(configuration.GetSection("Market"));
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddAuthentication(MarketPrincipal.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(MarketPrincipal.Scheme, null);
        services.AddAuthorization();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("code", ctx.ProblemDetails.Status switch
            {
                404 => "not_found",
                405 => "method_not_allowed",
                415 => "unsupported_media_type",
                _ => "http_" + ctx.ProblemDetails.Status,
            }));
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks();
        return services;
    }

    /// <summary>camelCase, enums as snake_case strings, unknown properties refused.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    public static WebApplication UseMarketGateway(this WebApplication app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.Use(LimitBodySize);
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            if (context.User.JournalName() is { } caller) RequestContext.Set(RequestContext.CallerKey, caller);
            await next(context);
        });

        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "PatentNav Market v1");
        });
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });

        app.MapPartiesApi();
        app.MapPatentsApi();
        return app;
    }

    private static async Task LimitBodySize(HttpContext context, RequestDelegate next)
    {
        var max = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await Problems.Create(413, "payload_too_large", $"Request bodies are limited to {max} bytes.").ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        await next(context);
    }
}
