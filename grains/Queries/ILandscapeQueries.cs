using PatentNav.Market.Grains.Navigation;

namespace PatentNav.Market.Grains.Queries;

/// <summary>
/// The landscape's aggregates for one scope, computed where the data is (PostgreSQL: the catalogue, the party
/// directory and the deals' stored state) — from counts kept in the writes' own transactions for the scopes they
/// cover, from the rows otherwise — so they are exactly as current as the committed writes.
/// </summary>
public interface ILandscapeQueries
{
    /// <param name="callerPartyId">The caller's party (null for the admin), for <see cref="OperationFact.OthersDeals"/>.</param>
    /// <param name="today">The market's today: pools' current patents and the principal outstanding are as of it.</param>
    Task<LandscapeFacts> Facts(LandscapeScope scope, string? callerPartyId, DateOnly today, CancellationToken cancellationToken = default);
}
