namespace PatentNav.Market.Grains.Common;

/// <summary>How the gateway reports a broken rule: 400, 404, 409 or 422.</summary>
[GenerateSerializer]
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Unprocessable,
}

/// <summary>
/// A domain rule refused a request. <see cref="Code"/> is stable (clients branch on it);
/// <see cref="Field"/> names the offending request field in camelCase JSON-path form.
/// Grains throw it before writing state, so a refused call changes nothing. <see cref="Errors"/>, when set,
/// names several fields at once (an imported file's rows: <c>rows[3].units</c>).
/// </summary>
[GenerateSerializer]
public sealed class DomainException(ErrorKind kind, string code, string message, string? field = null, Dictionary<string, string[]>? errors = null)
    : Exception(message)
{
    [Id(0)]
    public ErrorKind Kind { get; } = kind;
    [Id(1)]
    public string Code { get; } = code;
    [Id(2)]
    public string? Field { get; } = field;
    [Id(3)]
    public Dictionary<string, string[]>? Errors { get; } = errors;

    public static DomainException Invalid(string code, string field, string message) => new(ErrorKind.Invalid, code, message, field);
    public static DomainException NotFound(string code, string message, string? field = null) => new(ErrorKind.NotFound, code, message, field);
    public static DomainException Conflict(string code, string message, string? field = null) => new(ErrorKind.Conflict, code, message, field);
    public static DomainException Unprocessable(string code, string message, string? field = null) => new(ErrorKind.Unprocessable, code, message, field);
}
