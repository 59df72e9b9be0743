using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.ClientApi.Errors;

/// <summary>
/// The one error shape of the API: RFC 9457 problem details with a stable <c>code</c> and, where a
/// field is at fault, <c>errors</c> keyed by its JSON path (<c>ownerIds[1]</c>, <c>value.amount</c>).
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    {
        if (status is >= 400 and < 500) MarketMetrics.Refusal(status, code);
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is { Count: > 0 }) extensions["errors"] = errors;
        return TypedResults.Problem(detail, statusCode: status, title: TitleOf(status), type: $"urn:patentnav:problem:{code}", extensions: extensions);
    }

    public static ProblemHttpResult Field(int status, string code, string field, string message) =>
        Create(status, code, message, new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status400BadRequest, "validation_failed", "One or more fields are invalid.", errors);

    /// <summary>A patent number in the path that does not parse (<see cref="Grains.Patents.PatentNumber"/>).</summary>
    public static ProblemHttpResult InvalidPatentNumber(string message) => Field(400, "invalid_patent_number", "number", message);

    public static ProblemHttpResult NotFound(string code, string detail) => Create(StatusCodes.Status404NotFound, code, detail);

    public static ProblemHttpResult From(DomainException ex) => ex.Errors is { Count: > 0 } errors
        ? Create(StatusOf(ex.Kind), ex.Code, ex.Message, errors)
        : ex.Field is { } field
        ? Field(StatusOf(ex.Kind), ex.Code, field, ex.Message)
        : Create(StatusOf(ex.Kind), ex.Code, ex.Message);

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string TitleOf(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "This key may not do that.",
        404 => "Not found.",
        409 => "The request conflicts with the current state.",
        413 => "The request body is too large.",
        422 => "The request breaks a market rule.",
        502 => "A payment provider refused the request.",
        503 => "The service is busy; try again.",
        _ => "The request failed.",
    };
}
