namespace PatentNav.Market.ClientApi.Idempotency;

/// <summary>Renders an endpoint result into a <see cref="StoredResponse"/> so it can be kept and replayed.</summary>
internal static class ResponseCapture
{
    public static async Task<StoredResponse> RenderAsync(HttpContext http, object? result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            if (result is IResult executable) await executable.ExecuteAsync(http);
            else await Results.Ok(result).ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        return new StoredResponse(
            http.Response.StatusCode,
            http.Response.ContentType ?? "application/json",
            System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
            http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null);
    }
}

/// <summary>Writes a stored response, marking it as a replay when it is one.</summary>
internal sealed class ReplayResult(StoredResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = response.ContentType;
        if (response.Location is not null) http.Response.Headers.Location = response.Location;
        await http.Response.WriteAsync(response.Body);
    }
}
