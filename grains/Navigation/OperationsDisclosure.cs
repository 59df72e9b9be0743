namespace PatentNav.Market.Grains.Navigation;

/// <summary>
/// Which operations figures a caller sees (issue 13, docs/NAVIGATION.md): counts are public, but money (royalties,
/// prices, loan principal) of a bucket only when it aggregates at least <see cref="MinimumCounterparties"/> distinct
/// counterparties — so no single deal's terms can be read off — or when every deal in it is the caller's own (its
/// party is a party to each), or for the admin.
/// </summary>
public static class OperationsDisclosure
{
    public const int MinimumCounterparties = 3;

    /// <param name="counterparties">Distinct counterparties of the bucket's deals (licensees, buyers, pledgors).</param>
    /// <param name="othersDeals">Deals in the bucket the caller's party is not a party to.</param>
    public static bool ShowsAmounts(int counterparties, int othersDeals, bool admin) =>
        admin || othersDeals == 0 || counterparties >= MinimumCounterparties;
}
