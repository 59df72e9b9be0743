using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Navigation;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Silo.Catalogue;

/// <summary>
/// The embedded default has no SQL to aggregate in: landscapes need PostgreSQL (docs/NAVIGATION.md). Answered as
/// 409 <c>navigation_needs_database</c> rather than computed differently from the durable market.
/// </summary>
public sealed class UnavailableLandscape : ILandscapeQueries
{
    public Task<LandscapeFacts> Facts(LandscapeScope scope, string? callerPartyId, DateOnly today, CancellationToken cancellationToken = default) =>
        throw DomainException.Conflict("navigation_needs_database", "Navigation analytics run on PostgreSQL; this silo is the in-memory embedded default.");
}
