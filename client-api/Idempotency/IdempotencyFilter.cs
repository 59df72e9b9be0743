using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>
/// Money-moving endpoints require an <c>Idempotency-Key</c> header (1–255 characters). The same
/// key with the same method, path and body replays the first response; with a different request
/// it is 422 <c>idempotency_key_reused</c>. Responses of domain refusals are kept too, so a retry
/// gets the same answer; refusals from a conflict or stale read are not. A claim holds the key for
/// <see cref="IdempotencyOptions.Lease"/>; a request that died with it (gateway or silo killed,
/// database restarted) leaves the key to the next retry after the lease (docs/ARCHITECTURE.md).
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    /// <summary>Refusals caused by a conflict or a stale read: not the key's outcome, a retry may succeed (kept neither by Stripe).</summary>
    private static readonly HashSet<string> TransientRefusals = ["concurrency_conflict", "version_conflict"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length is 0 or > 255)
            return Problems.Field(400, "idempotency_key_required", Header, $"Send an {Header} header of 1 to 255 characters.");

        var store = http.RequestServices.GetRequiredService<IIdempotencyStore>();
        var options = http.RequestServices.GetService<IdempotencyOptions>() ?? IdempotencyOptions.Default;
        var scope = http.User.JournalName() ?? "anonymous";
        var fingerprint = await FingerprintAsync(http.Request);
        var deadline = DateTime.UtcNow + options.WaitForDuplicate;
        IdempotencyClaim claim;
        while (true)
        {
            claim = await store.ClaimAsync(scope, key, fingerprint, options.Lease, http.RequestAborted);
            switch (claim.Outcome)
            {
                case ClaimOutcome.Replay:
                    MarketMetrics.IdempotentReplay();
                    return new ReplayResult(claim.Response!);
                case ClaimOutcome.Mismatch:
                    return Problems.Field(422, "idempotency_key_reused", Header, "This key was used for a different request.");
                case ClaimOutcome.InProgress when DateTime.UtcNow < deadline:
                    await Task.Delay(50, http.RequestAborted);
                    continue;
                case ClaimOutcome.InProgress:
                    return Problems.Field(409, "idempotency_key_in_use", Header, "A request with this key is still running; retry later.");
            }
            break;
        }

        // A takeover (attempt > 1) runs the request again. If the earlier attempt committed, the
        // grains answer from what it recorded (ids derived from the key) and the storage refuses a
        // second posting under the key; if it did not, this is the first execution.
        if (claim.Attempt > 1)
            http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger<IdempotencyFilter>()
                .LogInformation("Idempotency key taken over: attempt {Attempt}, earlier work committed: {Committed}", claim.Attempt, claim.Committed);
        IdempotencyContext.Set(new IdempotentAttempt(scope, key, claim.Attempt));

        object? result;
        try
        {
            result = await next(context);
        }
        catch (DomainException refusal) when (TransientRefusals.Contains(refusal.Code))
        {
            await ReleaseQuietly(store, scope, key, claim.Attempt);
            return Problems.From(refusal);
        }
        catch (DomainException refusal)
        {
            result = Problems.From(refusal);
        }
        catch
        {
            await ReleaseQuietly(store, scope, key, claim.Attempt);
            throw;
        }
        var response = await ResponseCapture.RenderAsync(http, result);
        if (response.Status >= 500) await ReleaseQuietly(store, scope, key, claim.Attempt); // a failure, not the key's outcome
        else await store.CompleteAsync(scope, key, claim.Attempt, response, CancellationToken.None);
        return new ReplayResult(response);
    }

    /// <summary>Ends the lease at once; if even that fails (the database is down), the lease runs out by itself.</summary>
    private static async Task ReleaseQuietly(IIdempotencyStore store, string scope, string key, long attempt)
    {
        try
        {
            await store.ReleaseAsync(scope, key, attempt, CancellationToken.None);
        }
        catch (Exception)
        {
            // The original failure is the one to report.
        }
    }

    /// <summary>
    /// An id for what the request creates, derived from the caller and its idempotency key: if the
    /// first attempt failed after a grain call took effect, the retry addresses the same resource
    /// instead of leaving an orphan behind.
    /// </summary>
    public static string DerivedId(HttpContext http, string prefix)
    {
        var seed = $"{http.User.JournalName() ?? "anonymous"}\n{http.Request.Headers[Header]}\n{http.Request.Path}";
        return prefix + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)))[..16];
    }

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        request.Body.Position = 0;
        var head = System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. head, .. buffer.ToArray()]));
    }
}
