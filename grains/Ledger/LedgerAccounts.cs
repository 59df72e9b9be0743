namespace PatentNav.Market.Grains.Ledger;

/// <summary>
/// Account names (§9). An account's balance is what the market holds in it; external clearing
/// accounts go negative as money comes in from outside, so every currency sums to zero.
/// </summary>
public static class LedgerAccounts
{
    /// <summary>Money that came in or went out through a payment provider (<c>offline</c>, <c>stripe</c>).</summary>
    public static string Clearing(string provider) => $"clearing:{provider}";

    /// <summary>
    /// Royalties a pool collected for invoices of one reporting period (<c>2026-Q3</c>) and has not
    /// distributed yet. Kept per period so that a distribution takes exactly the cash of its periods (§6: C).
    /// </summary>
    public static string PoolCollections(string poolId, string period) => $"pool:{poolId}:collections:{period}";

    /// <summary>The operating center's revenue: pool admin fees and transfer commissions.</summary>
    public static string AdminFees(string centerId) => $"center:{centerId}:fees";

    /// <summary>What the market owes a licensor until it is paid out.</summary>
    public static string LicensorPayable(string partyId) => $"licensor:{partyId}:payable";

    public const string PayoutsInFlight = "payouts:in-flight";

    public static string Escrow(string kind, string id) => $"escrow:{kind}:{id}";

    public static string LoanPrincipal(string dealId) => $"loan:{dealId}:principal";

    public static string LoanInterest(string dealId) => $"loan:{dealId}:interest";

    public const string RiskFund = "risk-fund";
}
