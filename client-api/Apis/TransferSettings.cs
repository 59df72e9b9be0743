using Microsoft.Extensions.Configuration;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// <c>Market:Transfers</c>: how long a transfer may stay open and the commission of centers that set
/// none. Read here and passed into the grain with each new transfer, so the grain reads no configuration
/// and an open transfer keeps the values it was created with.
/// </summary>
internal static class TransferSettings
{
    public const int DefaultExpiryDays = 90;
    public const int DefaultCommission = 100;

    public static int ExpiryDays(IConfiguration configuration) =>
        configuration.GetValue("Market:Transfers:ExpiryDays", DefaultExpiryDays);

    public static int DefaultCommissionBps(IConfiguration configuration) =>
        configuration.GetValue("Market:Transfers:DefaultCommissionBps", DefaultCommission);
}
