using Microsoft.Extensions.Configuration;

namespace PatentNav.Market.ClientApi;

/// <summary>
/// <c>Market:Orleans</c> (env <c>Market__Orleans__*</c>): how silos and gateway clients find each
/// other. The names are fixed; deployment files and tools rely on them.
/// </summary>
public sealed class MarketOrleansOptions
{
    public string ClusterId { get; set; } = "patentnav";
    public string ServiceId { get; set; } = "patentnav-market";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at.</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>
    /// How long a grain call may wait for its answer (Orleans' default is 30 s). A call sent to a silo
    /// that died in that moment is neither answered nor refused; this bounds how long it hangs.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>Market:SiloName</c>: the silo's name in the cluster listing; the host name and process id when unset.</summary>
    public static string SiloName(IConfiguration configuration) =>
        configuration["Market:SiloName"] is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary><c>ConnectionStrings:Market</c>; null selects the embedded, non-durable default.</summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Market") is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static MarketOrleansOptions From(IConfiguration configuration) =>
        configuration.GetSection("Market:Orleans").Get<MarketOrleansOptions>() ?? new();

    /// <summary>The ADO.NET invariant Orleans' clustering and reminder providers load Npgsql by.</summary>
    public const string Invariant = "Npgsql";
}
