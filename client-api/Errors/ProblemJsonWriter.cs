using Microsoft.Extensions.Options;

namespace PatentNav.Market.ClientApi.Errors;

/// <summary>
/// The writer of last resort for problem details: ASP.NET's own writer declines a request whose
/// Accept header names neither JSON nor problem+json, and the framework then writes the problem
/// without <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/> (or, for status code pages,
/// as plain text). This API speaks problem+json only, so every problem is written here instead,
/// customized (its <c>code</c>) and counted like any other.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var http = context.HttpContext;
        return new ValueTask(http.Response.WriteAsJsonAsync(context.ProblemDetails, context.ProblemDetails.GetType(),
            options: null, contentType: "application/problem+json", http.RequestAborted));
    }
}
