using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PatentNav.Market.ClientApi.Apis;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.ClientApi.Observability;
using PatentNav.Market.ClientApi.OpenApi;

namespace PatentNav.Market.ClientApi;

/// <summary>The REST gateway: wiring (services) and the request pipeline (app).</summary>
public static class MarketGateway
{
    public static IServiceCollection AddMarketGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(Grains.Common.MarketClock.System);
        services.Configure<GatewayOptions>(configuration.GetSection("Market"));
        services.TryAddSingleton(Idempotency.IdempotencyOptions.From(configuration));
        services.Configure<Webhooks.StripeWebhookOptions>(configuration.GetSection("Market:Stripe"));
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(KestrelRejections.Configure);
        services.AddAuthentication(MarketPrincipal.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(MarketPrincipal.Scheme, null);
        services.AddAuthorization();
        // Our own problems (Problems.Create) carry a code and are counted where they are made; the
        // framework's (unknown route, wrong method, ...) get one here and are counted here.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            var framework = ctx.ProblemDetails.Extensions.TryAdd("code", FrameworkCode(status));
            if (framework && status is >= 400 and < 500) MarketMetrics.Refusal(status, (string)ctx.ProblemDetails.Extensions["code"]!);
        });
        services.AddMarketOpenApi();
        services.AddMarketTelemetry();
        return services;
    }

    /// <summary>camelCase, enums as their exact snake_case strings, unknown properties refused, strings PostgreSQL can store.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Not JsonStringEnumConverter: it reads "ADMIN" or "operatingCenter" as well (case-insensitive).
        options.Converters.Add(new Errors.ExactEnumConverterFactory());
        options.Converters.Add(new StorableStringConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Exact names and real JSON numbers: "Amount" or "amount": "100" is a client bug worth a 400.
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    public static WebApplication UseMarketGateway(this WebApplication app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.Use(LimitBodySize);
        app.UseStatusCodePages(context => FrameworkProblem(context.HttpContext));
        app.UseAuthentication();
        app.UseAuthorization();
        // Blank path ids are refused before the tenancy filter looks their grains up.
        app.Use(Errors.RouteValueRules.Check);
        Tenancy.TenancyFilter.UseTenancy(app);
        app.UseIdempotencyBuffering();
        app.Use(async (context, next) =>
        {
            if (context.User.JournalName() is not { } caller)
            {
                await next(context);
                return;
            }
            PatentNav.Market.Grains.Common.CallerContext.Set(caller);
            // Every log line of the request names the caller, beside ASP.NET's RequestId and TraceId.
            using (app.Logger.BeginScope(new Dictionary<string, object> { ["Caller"] = caller }))
                await next(context);
        });

        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "PatentNav Market v1");
        });
        app.MapMarketOperations();

        app.MapPartiesApi();
        app.MapPatentsApi();
        app.MapPatentEncumbrancesApi();
        app.MapPoolsApi();
        app.MapLicencesApi();
        app.MapDistributionsApi();
        app.MapTransfersApi();
        app.MapStripeApi();
        app.MapPayoutsApi();
        app.MapPaymentsApi();
        app.MapLedgerApi();
        app.MapPledgesApi();
        app.MapClusterApi();
        app.MapDirectoryApi();
        app.MapOnboardingApi();
        app.MapListingsApi();
        app.MapDemandsApi();
        app.MapMatchesApi();
        app.MapWatchesApi();
        app.MapNavigationApi();
        app.MapAlliancesApi();
        app.MapLicenceNegotiationsApi();
        // The web console at /: public files (its API calls carry the user's key).
        app.UseMarketConsole();
        return app;
    }

    /// <summary>The code of a refusal the framework makes itself (no such route, wrong method, ...).</summary>
    private static string FrameworkCode(int status) => status switch
    {
        404 => "not_found",
        405 => "method_not_allowed",
        // A chunked body that grows past the limit is cut off while the endpoint reads it.
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        _ => "http_" + status,
    };

    /// <summary>
    /// An empty 4xx/5xx of the framework (no route, wrong method, unsupported media type) as problem+json, whatever the
    /// Accept header says: ASP.NET's default writer answers <c>Accept: text/csv</c> or <c>application/xml</c> with text/plain.
    /// </summary>
    private static Task FrameworkProblem(HttpContext context)
    {
        var status = context.Response.StatusCode;
        return Problems.Create(status, FrameworkCode(status), Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)).ExecuteAsync(context);
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
        // Bodies of unknown length (chunked) are counted as they are read, whether or not the server enforces the limit.
        if (context.Request.ContentLength is null) context.Request.Body = new MaxLengthStream(context.Request.Body, max);
        await next(context);
    }

    /// <summary>Refuses strings with U+0000: PostgreSQL text and jsonb cannot hold it.</summary>
    private sealed class StorableStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0') ? throw new JsonException("Text must not contain U+0000.") : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A request body that throws 413 once more than <c>max</c> bytes were read.</summary>
    private sealed class MaxLengthStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > max ? throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge) : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
