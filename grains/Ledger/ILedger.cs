namespace PatentNav.Market.Grains.Ledger;

/// <summary>
/// A grain's way to move money. Postings are staged and commit in the same transaction as the
/// grain's next <c>WriteStateAsync</c>, or not at all: money moves exactly when the state change
/// that explains it is stored. (On Orleans this would be a transactional-state facet.)
/// </summary>
public interface ILedger
{
    void Post(Posting posting);
}
