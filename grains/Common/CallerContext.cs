namespace PatentNav.Market.Grains.Common;

/// <summary>
/// Who a call runs for. The gateway puts the authenticated caller into Orleans'
/// <see cref="RequestContext"/>, which flows with every grain call of the request; grains record it
/// in their histories and the storage journals it with every write.
/// </summary>
public static class CallerContext
{
    public const string Key = "caller";

    /// <summary>The party or principal on whose behalf the current call runs, if known.</summary>
    public static string? Current => RequestContext.Get(Key) as string;

    public static void Set(string caller) => RequestContext.Set(Key, caller);
}
