using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.ClientApi.Errors;

/// <summary>
/// Turns exceptions into problem+json: domain refusals keep their code and field, unreadable
/// bodies become 400 naming the JSON path, version conflicts 409,
/// timeouts and an unreachable silo 503. Only a genuine bug is a 500, and it says nothing about internals.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    /// <summary>Every 503 (database, cluster, timeout, provider) says when to retry: a restart or failover takes a few seconds.</summary>
    private const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var problem = Cause(ex) switch
            {
                DomainException domain => Problems.From(domain),
                BadHttpRequestException bad => FromBadRequest(bad),
                Grains.Ledger.DuplicatePostingException => Problems.Create(409, "already_posted", "This money movement has been made already."),
                Grains.Payments.PaymentProviderException provider => FromProvider(provider),
                Orleans.Storage.InconsistentStateException => Problems.Create(409, "concurrency_conflict", "The resource kept changing under this request; retry it."),
                // A silo died and the cluster has not yet moved its grains (the gateway retried already).
                Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException =>
                    Problems.Create(503, "cluster_unavailable", "Part of the market's cluster is restarting; retry the request."),
                _ when DatabaseOutage.Is(ex) => Problems.Create(503, "database_unavailable", "The market's database is not reachable right now; retry the request (with the same Idempotency-Key)."),
                TimeoutException => Problems.Create(503, "timeout", "The request timed out inside the market; retry it."),
                OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
                _ => null,
            };
            if (problem is null)
            {
                if (context.RequestAborted.IsCancellationRequested) return;
                logger.LogError(ex, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                problem = Problems.Create(500, "internal_error", "An unexpected error occurred; it has been logged.");
            }
            else if (problem.StatusCode >= 500)
            {
                logger.LogWarning(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            }
            context.Response.Clear();
            if (problem.StatusCode == StatusCodes.Status503ServiceUnavailable)
                context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await problem.ExecuteAsync(context);
        }
    }

    /// <summary>
    /// Orleans wraps what a storage provider throws in "Error from storage provider …"; a posting id seen twice
    /// (a second disbursement, a replayed payment) is the caller's conflict, not a bug, whoever wrapped it.
    /// </summary>
    private static Exception Cause(Exception ex) =>
        ex is Orleans.Runtime.OrleansException { InnerException: Grains.Ledger.DuplicatePostingException or DomainException } wrapped ? wrapped.InnerException! : ex;

    /// <summary>
    /// A provider outage is 503 (retry with the same idempotency key); a refusal is 502 naming the
    /// provider's own code, since the request the market sent was refused, not the caller's.
    /// </summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FromProvider(Grains.Payments.PaymentProviderException ex) => ex.Transient
        ? Problems.Create(503, "payment_provider_unavailable", $"{ex.Provider} is not answering; retry the request with the same Idempotency-Key.")
        : Problems.Create(502, "payment_provider_error", $"{ex.Provider} refused the request ({ex.ErrorType}{(ex.Code is null ? "" : "/" + ex.Code)}): {ex.Message}");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FromBadRequest(BadHttpRequestException ex)
    {
        if (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return Problems.Create(413, "payload_too_large", "The request body is too large.");
        if (ex.InnerException is JsonException json)
        {
            // A syntax error (the reader's exception inside) is malformed JSON wherever it occurs.
            var field = json.InnerException is JsonException ? "" : JsonPathToField(json.Path);
            var message = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "Unknown property."
                : field.Length == 0 ? "The body is not valid JSON." : "Wrong JSON type or format for this field.";
            return field.Length == 0
                ? Problems.Create(400, "malformed_json", message)
                : Problems.Field(400, "invalid_json", field, message);
        }
        if (System.Text.RegularExpressions.Regex.Match(ex.Message, "^Failed to bind parameter \"[^ \"]+ (?<name>[^\"]+)\"") is { Success: true } bind)
            return Problems.Field(400, "invalid_parameter", bind.Groups["name"].Value, "Wrong type or format for this parameter.");
        if (ex.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            return Problems.Create(400, "missing_body", "A JSON body is required.");
        return Problems.Create(400, "bad_request", ex.Message);
    }

    /// <summary><c>$.ownerIds[1]</c> → <c>ownerIds[1]</c>; <c>$['value'].amount</c> → <c>value.amount</c>.</summary>
    public static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".").Replace("']", "").TrimStart('.');
    }
}
