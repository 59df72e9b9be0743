namespace PatentNav.Market.ClientApi.Errors;

/// <summary>
/// A path parameter names a grain or a row. A blank one names neither (Orleans refuses a blank grain key with an
/// <see cref="ArgumentException"/>, a 500), and PostgreSQL text cannot hold U+0000. One rule for every route, before any
/// endpoint runs: 400 <c>invalid_parameter</c> naming the parameter.
/// </summary>
public static class RouteValueRules
{
    /// <summary>Why <paramref name="value"/> cannot be a path parameter, or null when it can.</summary>
    public static string? Refusal(string value) =>
        string.IsNullOrWhiteSpace(value) ? "must not be blank"
        : value.Contains('\0') ? "must not contain U+0000"
        : null;

    public static async Task Check(HttpContext context, RequestDelegate next)
    {
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && Refusal(text) is { } why)
            {
                await Problems.Field(400, "invalid_parameter", name, $"The path parameter {name} {why}.").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }
}
