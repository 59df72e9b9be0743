using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace PatentNav.Market.ClientApi;

/// <summary>
/// The admin bearer token. Configured (<c>Market:AdminToken</c>) in any real deployment; on a
/// developer's machine one is generated for the run and logged, so that nothing runs with a
/// silent default.
/// </summary>
public static class AdminToken
{
    /// <summary>Sets a generated token when none is configured; returns it (null when one was configured).</summary>
    public static string? EnsureConfigured(IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Market:AdminToken"])) return null;
        var generated = "adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        configuration["Market:AdminToken"] = generated;
        return generated;
    }

    public static void LogGenerated(ILogger logger, string? generated)
    {
        if (generated is not null)
            logger.LogWarning("Market:AdminToken is not set; generated admin token for this run: {AdminToken}", generated);
    }

    /// <summary>Listens on <paramref name="url"/> unless URLs are configured.</summary>
    public static void DefaultUrl(WebApplicationBuilder builder, string url)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"])
            && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]))
            builder.WebHost.UseUrls(url);
    }
}
