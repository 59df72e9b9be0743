namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Stable error codes of the pledge domain (§8). Clients branch on them, so they never change
/// spelling; 400 codes for malformed products and agreements reuse the market-wide names
/// (<c>required</c>, <c>unknown_currency</c>, <c>invalid_bps</c>, …) and live beside their checks.
/// </summary>
public static class PledgeCodes
{
    /// <summary>422: principal (or outstanding principal on renewal) above Σ cap_i × value_i; message gives the maximum.</summary>
    public const string LtvExceeded = "ltv_exceeded";

    /// <summary>422: a collateral valuation is more than 12 months old on the day (§3); field <c>patents[i]</c>.</summary>
    public const string StaleValuation = "stale_valuation";

    /// <summary>422: a valuation dated after the day cannot support a decision taken that day; field <c>patents[i]</c>.</summary>
    public const string ValuationNotYetEffective = "valuation_not_yet_effective";

    /// <summary>422: no collateral at all; field <c>patents</c>.</summary>
    public const string NoCollateral = "no_collateral";

    /// <summary>422: a valuation in another currency than the product's; field <c>patents[i]</c>.</summary>
    public const string CurrencyMismatch = "currency_mismatch";

    /// <summary>422: a repayment above principal + interest due; message gives the payoff amount.</summary>
    public const string Overpayment = "overpayment";

    /// <summary>422: principal plus worst-case interest over the term would not fit in 64-bit minor units; field <c>principal.amount</c>.</summary>
    public const string PrincipalTooLarge = "principal_too_large";

    /// <summary>422: renewal refused because an instalment is past due and unpaid.</summary>
    public const string Overdue = "overdue";

    /// <summary>422: the deal's financier is not a party of a financier kind (a bank); field <c>financierId</c>.</summary>
    public const string NotAFinancier = "not_a_financier";

    /// <summary>422: an auction's hammer price below its reserve price; field <c>price.amount</c>.</summary>
    public const string BelowReservePrice = "below_reserve_price";
}
