using Microsoft.AspNetCore.Routing;
using PatentNav.Market.ClientApi.Auth;
using PatentNav.Market.ClientApi.Errors;

namespace PatentNav.Market.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard's silo pages take a silo address in the path (<c>/dashboard/SiloStats/{address}</c>,
/// <c>/dashboard/HistoricalStats/{path}</c>) and hand it to <see cref="SiloAddress.FromParsableString"/>, which throws on
/// anything else: a typo was a 500. A path value there that is not a silo address is 404 <c>silo_not_found</c>.
/// </summary>
public static class DashboardSiloAddresses
{
    /// <summary>The dashboard routes whose last parameter is a silo address (Orleans.Dashboard 10.4.2).</summary>
    private static readonly string[] SiloPages = ["SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters", "HistoricalStats"];

    public static bool IsSiloAddress(string value)
    {
        try
        {
            SiloAddress.FromParsableString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    public static async Task Check(HttpContext context, RequestDelegate next)
    {
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (context.Request.Path.StartsWithSegments(BearerTokenHandler.DashboardPath, StringComparison.OrdinalIgnoreCase)
            && segments.Length == 3 && SiloPages.Contains(segments[1], StringComparer.OrdinalIgnoreCase)
            && context.GetEndpoint() is RouteEndpoint { RoutePattern.Parameters: [.., var parameter] }
            && context.Request.RouteValues[parameter.Name] is string address && !IsSiloAddress(address))
        {
            await Problems.NotFound("silo_not_found", $"No silo has the address '{address}' (host:port@generation).").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
