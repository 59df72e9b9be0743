using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>
/// Money-moving endpoints require an <c>Idempotency-Key</c> header (1–255 characters). The same
/// key with the same method, path and body replays the first response; with a different request
/// it is 422 <c>idempotency_key_reused</c>. Responses of domain refusals are kept too, so a retry
/// gets the same answer.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan WaitForDuplicate = TimeSpan.FromSeconds(25);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length is 0 or > 255)
            return Problems.Field(400, "idempotency_key_required", Header, $"Send an {Header} header of 1 to 255 characters.");

        var store = http.RequestServices.GetRequiredService<IIdempotencyStore>();
        var scope = http.User.JournalName() ?? "anonymous";
        var fingerprint = await FingerprintAsync(http.Request);
        var deadline = DateTime.UtcNow + WaitForDuplicate;
        while (true)
        {
            var claim = await store.ClaimAsync(scope, key, fingerprint, http.RequestAborted);
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

        object? result;
        try
        {
            result = await next(context);
        }
        catch (DomainException refusal)
        {
            result = Problems.From(refusal);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }
        var response = await ResponseCapture.RenderAsync(http, result);
        await store.CompleteAsync(scope, key, response, CancellationToken.None);
        return new ReplayResult(response);
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
