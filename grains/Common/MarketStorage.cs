namespace PatentNav.Market.Grains.Common;

/// <summary>
/// The name of the grain storage every grain state lives in (<c>[PersistentState(name, MarketStorage.Name)]</c>).
/// Each state name is unique across grain classes: storage rows are keyed by (state name, grain key).
/// </summary>
public static class MarketStorage
{
    public const string Name = "market";
}
