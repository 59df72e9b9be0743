using Npgsql;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Matching;

/// <summary>Listings into <c>market_listings</c>, and the feed entries of demands a newly opened listing fits, in the listing's transaction.</summary>
public sealed class ListingProjection(MarketClock clock) : IPostgresProjection
{
    public string StateName => ListingGrain.StateName;

    public Task ProjectAsync(NpgsqlTransaction transaction, string key, object state, CancellationToken cancellationToken) =>
        MatchingProjection.UpsertListingAsync(transaction, key, (ListingState)state, clock.Today);
}

/// <summary>Demands into <c>market_demands</c>, and the feed entries of already-open listings an open demand fits, in the demand's transaction.</summary>
public sealed class DemandProjection(MarketClock clock) : IPostgresProjection
{
    public string StateName => DemandGrain.StateName;

    public Task ProjectAsync(NpgsqlTransaction transaction, string key, object state, CancellationToken cancellationToken) =>
        MatchingProjection.UpsertDemandAsync(transaction, key, (DemandState)state, clock.Today);
}

/// <summary>A party's watches into <c>market_watches</c>, in the watch list's transaction.</summary>
public sealed class WatchListProjection : IPostgresProjection
{
    public string StateName => WatchListGrain.StateName;

    public Task ProjectAsync(NpgsqlTransaction transaction, string key, object state, CancellationToken cancellationToken) =>
        MatchingProjection.UpsertWatchesAsync(transaction, key, (WatchListState)state);
}

/// <summary>
/// A second projection of the patent state (beside the catalogue): its matching facts, and its new events fanned
/// out to the feeds of the parties watching it — in the patent's own transaction, so an event is delivered exactly
/// when the change that caused it commits.
/// </summary>
public sealed class PatentWatchProjection(MarketClock clock) : IPostgresProjection
{
    public string StateName => PatentGrain.StateName;

    public Task ProjectAsync(NpgsqlTransaction transaction, string key, object state, CancellationToken cancellationToken) =>
        MatchingProjection.UpsertPatentAsync(transaction, (PatentState)state, clock.GetUtcNow());
}
