using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Queries;

/// <summary>A pool's public licensee list (§5 transparency), read from the rows the licence grains write (<see cref="IPoolLicenseeRows"/>).</summary>
public interface IPoolLicensees
{
    /// <summary>
    /// The pool's current licensees (a terminated or surrendered licence has left), oldest enrolment first, after position
    /// <paramref name="after"/> (0: from the start), at most <paramref name="limit"/>. <see cref="PoolLicenseePage.Next"/> is the
    /// position to continue after, null on the last page; positions are stable, so a page never repeats or skips a row when
    /// licences are added while a caller pages.
    /// </summary>
    Task<PoolLicenseePage> Current(string poolId, long after, int limit, CancellationToken cancellationToken = default);
}

public sealed record PoolLicenseePage(IReadOnlyList<PoolLicensee> Items, long? Next);
