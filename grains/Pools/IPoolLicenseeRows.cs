namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// A licence grain's way to keep its row of the pool's public licensee list (<c>pool_licensees</c>). Like a ledger posting,
/// a staged row commits in the same transaction as the grain's next <c>WriteStateAsync</c>, or not at all: the row says
/// what the licence state says. Why not in the pool's state: that grew by every licensee and was written whole (state and
/// journal) on each purchase, so purchases slowed with the pool's size and every purchase of a pool waited for the one
/// before it (issue 11).
/// </summary>
public interface IPoolLicenseeRows
{
    /// <summary>Inserts the licence's row, or (the same licence again) sets its <see cref="PoolLicensee.EndedOn"/>; nothing else of a row ever changes.</summary>
    void Stage(string poolId, PoolLicensee row);
}
