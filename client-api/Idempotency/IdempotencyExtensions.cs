namespace PatentNav.Market.ClientApi.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>Makes the endpoint require and honour an <c>Idempotency-Key</c> header.</summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(new IdempotentEndpoint());

    /// <summary>Buffers bodies of idempotent endpoints so the filter can fingerprint them after binding.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not null) context.Request.EnableBuffering();
            await next(context);
        });

    internal sealed class IdempotentEndpoint;
}
