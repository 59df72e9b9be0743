namespace PatentNav.Market.ClientApi;

/// <summary>Configuration section <c>Market</c> as the gateway reads it.</summary>
public sealed class GatewayOptions
{
    /// <summary><c>Market:AdminToken</c> (env <c>Market__AdminToken</c>).</summary>
    public string AdminToken { get; set; } = "";

    /// <summary>Larger request bodies are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
