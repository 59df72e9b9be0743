using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace PatentNav.Market.ClientApi.Observability;

/// <summary>
/// Log levels and console format for every market process, as the lowest-priority configuration:
/// appsettings files, environment variables (<c>Logging__LogLevel__Orleans=Information</c>,
/// <c>Logging__Console__FormatterName=json</c>) and the command line still override each key.
/// In code rather than in appsettings.json because the silo references client-api, and two web
/// projects' appsettings.json cannot be published to one folder (NETSDK1152).
/// </summary>
public static class LoggingDefaults
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // The framework logs several Information lines per request; keep its warnings only.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Polly"] = "Warning",
        // Orleans: warnings, plus who joins and leaves the cluster and the silo's lifecycle.
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
        ["Logging:LogLevel:Orleans.Runtime.Silo"] = "Information",
        ["Logging:LogLevel:Orleans.Runtime.SiloOptionsLogger"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
    };

    public static void Apply(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
}
