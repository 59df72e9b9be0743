using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Matching;

/// <summary>
/// The embedded default's matching read side: the same profiles, facts, events and feed as the PostgreSQL tables,
/// in memory, projected under the storage's lock with the state; candidates by scanning (one process, small data).
/// </summary>
public sealed class InMemoryMatching(MarketClock clock) : IMatchQueries
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ListingProfile Profile, OfferStatus Status, DateTimeOffset CreatedAt)> _listings = [];
    private readonly Dictionary<string, (DemandProfile Profile, OfferStatus Status, DateTimeOffset CreatedAt)> _demands = [];
    private readonly Dictionary<string, (PatentFacts Facts, PatentState State)> _patents = [];
    private readonly HashSet<(string, string)> _events = [];
    private readonly Dictionary<string, IReadOnlyList<Watch>> _watches = [];
    private readonly List<(string Party, FeedEntry Entry)> _feed = [];

    internal void ProjectListing(string id, ListingState state)
    {
        if (state.Terms is not { } terms) return;
        var profile = ListingProfile.Of(id, terms, state.Patents);
        var today = clock.Today;
        lock (_gate)
        {
            _listings[id] = (profile, state.Status, state.CreatedAt);
            if (state.Status != OfferStatus.Open || terms.ValidUntil < today) return;
            var facts = FactsOf(terms.Patents);
            foreach (var demand in DemandsFitting(profile, today))
                if (MatchScoring.Score(demand, profile, facts, today) is { } match)
                    AddFeed(demand.PartyId, $"listing:{id}:demand:{demand.Id}", "listing_fits_demand", id, new Dictionary<string, string?>
                    {
                        ["listingId"] = id, ["demandId"] = demand.Id, ["score"] = match.Score.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["dealType"] = ListingRules.Wire(terms.DealType),
                    }, state.OpenedAt ?? state.CreatedAt);
        }
    }

    internal void ProjectDemand(string id, DemandState state)
    {
        if (state.Terms is not { } terms) return;
        var profile = DemandProfile.Of(id, terms);
        var today = clock.Today;
        lock (_gate)
        {
            _demands[id] = (profile, state.Status, state.CreatedAt);
            if (state.Status != OfferStatus.Open || terms.ValidUntil < today) return;
            // Listings that opened before the demand: the same entry the listing's own write would have added, once.
            var openedAt = state.History.LastOrDefault(h => h.Status == OfferStatus.Open)?.At ?? state.CreatedAt;
            foreach (var listing in ListingsFitting(profile, today))
                if (MatchScoring.Score(profile, listing, FactsOf(listing.Patents), today) is { } match)
                    AddFeed(terms.PartyId, $"listing:{listing.Id}:demand:{id}", "listing_fits_demand", listing.Id, new Dictionary<string, string?>
                    {
                        ["listingId"] = listing.Id, ["demandId"] = id, ["score"] = match.Score.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["dealType"] = ListingRules.Wire(listing.DealType),
                    }, openedAt);
        }
    }

    internal void ProjectWatches(string partyId, WatchListState state)
    {
        lock (_gate) _watches[partyId] = [.. state.Watches];
    }

    internal void ProjectPatent(PatentState patent)
    {
        if (!patent.IsRegistered) return;
        var prefixes = patent.Ipc.SelectMany(IpcCode.Prefixes).ToHashSet();
        var tokens = TextTokens.Index(patent.Title).Concat(TextTokens.Index(patent.Abstract)).ToHashSet();
        lock (_gate)
        {
            _patents[patent.Number] = (PatentEvents.Facts(patent), patent);
            foreach (var e in PatentEvents.Of(patent).Where(e => _events.Add((patent.Number, e.Key))))
                foreach (var (party, watches) in _watches)
                    if (watches.Where(w => w.Kind switch
                        {
                            WatchKind.Holder => e.Holders.Contains(w.Value),
                            WatchKind.Ipc => prefixes.Contains(w.Value),
                            _ => TextTokens.Keyword(w.Value) is { Count: > 0 } words && words.All(tokens.Contains),
                        }).MinBy(w => w.Id, StringComparer.Ordinal) is { } watch)
                        AddFeed(party, e.Key, e.Kind, patent.Number,
                            new Dictionary<string, string?>(e.Detail) { ["number"] = patent.Number, ["title"] = patent.Title, ["watchId"] = watch.Id }, clock.GetUtcNow());
        }
    }

    private void AddFeed(string party, string key, string kind, string subject, Dictionary<string, string?> detail, DateTimeOffset at)
    {
        if (_feed.Any(f => f.Party == party && f.Entry.EventKey == key)) return;
        _feed.Add((party, new FeedEntry(_feed.Count + 1, kind, key, subject, detail, at)));
    }

    private List<PatentFacts> FactsOf(IEnumerable<string> numbers) => [.. numbers.Where(_patents.ContainsKey).Select(n => _patents[n].Facts)];

    private IEnumerable<DemandProfile> DemandsFitting(ListingProfile listing, DateOnly today)
    {
        var prefixes = listing.IpcPrefixes.ToHashSet();
        var tokens = listing.AllTokens.ToHashSet();
        return _demands.Values.Where(d => d.Status == OfferStatus.Open && d.Profile.ValidUntil >= today && d.Profile.PartyId != listing.HolderId
                && (d.Profile.DealTypes.Count == 0 || d.Profile.DealTypes.Contains(listing.DealType))
                && (d.Profile.IpcPrefixes.Any(prefixes.Contains) || d.Profile.AllTokens.Any(tokens.Contains)))
            .Select(d => d.Profile).ToList();
    }

    private List<ListingProfile> ListingsFitting(DemandProfile demand, DateOnly today)
    {
        var tokens = demand.AllTokens.ToHashSet();
        return [.. _listings.Values
            .Where(l => l.Status == OfferStatus.Open && l.Profile.ValidUntil >= today && l.Profile.HolderId != demand.PartyId
                && (demand.DealTypes.Count == 0 || demand.DealTypes.Contains(l.Profile.DealType))
                && (l.Profile.IpcPrefixes.Any(demand.IpcPrefixes.Contains) || l.Profile.AllTokens.Any(tokens.Contains)))
            .Select(l => l.Profile)];
    }

    public Task<IReadOnlyList<MatchCandidate>> ListingCandidates(DemandProfile demand, DateOnly today, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<MatchCandidate>>([.. ListingsFitting(demand, today).Select(l => new MatchCandidate(l, FactsOf(l.Patents)))]);
    }

    public async Task<IReadOnlyList<ScoredListing>> ScoreListings(DemandProfile demand, DateOnly today, CancellationToken cancellationToken = default) =>
        [.. (await ListingCandidates(demand, today, cancellationToken)).Select(c => MatchScoring.Score(demand, c.Listing, c.Facts, today))
            .OfType<MatchResult>().Select(m => new ScoredListing(m.ListingId, m.Score))];

    public Task<IReadOnlyList<MatchCandidate>> Candidates(IReadOnlyList<string> listingIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<MatchCandidate>>([.. listingIds.Where(_listings.ContainsKey)
                .Select(id => new MatchCandidate(_listings[id].Profile, FactsOf(_listings[id].Profile.Patents)))]);
    }

    public Task<IReadOnlyList<DemandProfile>> DemandCandidates(ListingProfile listing, DateOnly today, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<DemandProfile>>([.. DemandsFitting(listing, today)]);
    }

    public Task<IReadOnlyList<PatentFacts>> Facts(IReadOnlyList<string> numbers, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<PatentFacts>>(FactsOf(numbers));
    }

    public Task<IdPage> Listings(ListingFilter f, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var ids = _listings.Where(l => OfferLifecycle.StatusOn(l.Value.Status, l.Value.Profile.ValidUntil, f.Today) == f.Status
                    && (f.HolderId is null || l.Value.Profile.HolderId == f.HolderId) && (f.CenterId is null || l.Value.Profile.CenterId == f.CenterId)
                    && (f.DealType is null || l.Value.Profile.DealType == f.DealType) && (f.IpcPrefix is null || l.Value.Profile.IpcPrefixes.Contains(f.IpcPrefix)))
                .OrderBy(l => l.Value.CreatedAt).ThenBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key).Skip(f.From).Take(f.Limit + 1).ToList();
            return Task.FromResult(new IdPage([.. ids.Take(f.Limit)], ids.Count > f.Limit));
        }
    }

    public Task<IdPage> Demands(string? partyId, int from, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var ids = _demands.Where(d => partyId is null || d.Value.Profile.PartyId == partyId)
                .OrderBy(d => d.Value.CreatedAt).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key).Skip(from).Take(limit + 1).ToList();
            return Task.FromResult(new IdPage([.. ids.Take(limit)], ids.Count > limit));
        }
    }

    public Task<IReadOnlyList<FeedEntry>> Feed(string partyId, long after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<FeedEntry>>([.. _feed.Where(f => f.Party == partyId && f.Entry.Seq > after).Take(limit).Select(f => f.Entry)]);
    }
}

/// <summary>How matching's read side is wired: the PostgreSQL projections, or the in-memory one for the embedded default.</summary>
public static class MatchingRegistration
{
    public static void AddPostgres(IServiceCollection services)
    {
        services.AddSingleton<IPostgresProjection, ListingProjection>();
        services.AddSingleton<IPostgresProjection, DemandProjection>();
        services.AddSingleton<IPostgresProjection, WatchListProjection>();
        services.AddSingleton<IPostgresProjection, PatentWatchProjection>();
    }

    public static void AddInMemory(IServiceCollection services)
    {
        services.AddSingleton<InMemoryMatching>();
        services.AddSingleton<IMatchQueries>(sp => sp.GetRequiredService<InMemoryMatching>());
        services.AddSingleton<IInMemoryProjection>(sp => new Projection(ListingGrain.StateName, (k, s) => sp.GetRequiredService<InMemoryMatching>().ProjectListing(k, (ListingState)s)));
        services.AddSingleton<IInMemoryProjection>(sp => new Projection(DemandGrain.StateName, (k, s) => sp.GetRequiredService<InMemoryMatching>().ProjectDemand(k, (DemandState)s)));
        services.AddSingleton<IInMemoryProjection>(sp => new Projection(WatchListGrain.StateName, (k, s) => sp.GetRequiredService<InMemoryMatching>().ProjectWatches(k, (WatchListState)s)));
        services.AddSingleton<IInMemoryProjection>(sp => new Projection(PatentGrain.StateName, (_, s) => sp.GetRequiredService<InMemoryMatching>().ProjectPatent((PatentState)s)));
    }

    private sealed class Projection(string stateName, Action<string, object> project) : IInMemoryProjection
    {
        public string StateName => stateName;

        public void Project(string key, object state) => project(key, state);
    }
}
