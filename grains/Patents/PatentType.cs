namespace PatentNav.Market.Grains.Patents;

[GenerateSerializer]
public enum PatentType
{
    Invention,
    UtilityModel,
    Design,
}

/// <summary>Legal status as recorded by CNIPA (or the foreign office).</summary>
[GenerateSerializer]
public enum LegalStatus
{
    Pending,
    Granted,
    Lapsed,
    Invalidated,
    Expired,
}

public static class LegalStatusRules
{
    /// <summary>Expired, lapsed and invalidated patents cannot be newly listed, pooled, licensed or pledged (§2).</summary>
    public static bool IsInForce(this LegalStatus status) => status is LegalStatus.Pending or LegalStatus.Granted;
}
