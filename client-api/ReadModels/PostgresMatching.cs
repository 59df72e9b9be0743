using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>
/// Listings, demands, patent facts, watches and feeds in PostgreSQL (migration 0010). The <c>Upsert…</c> methods run
/// inside the grain storage's transaction (silo projections), so an index row or feed entry never disagrees with the
/// state that caused it; the queries find candidates through GIN indexes over IPC prefixes and jieba words of open
/// offers only, and <see cref="MatchScoring"/> scores them.
/// </summary>
public sealed class PostgresMatching(NpgsqlDataSource dataSource) : IMatchQueries
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static string Wire(OfferStatus s) => OfferLifecycle.Wire(s);

    // ------------------------------------------------------------------ writes (in the state's transaction)

    /// <summary>
    /// The listing's row; when it is open and was opened by this write's state (not yet notified), a feed entry for
    /// each party whose open demand it fits (<see cref="MatchScoring"/> score &gt; 0), keyed by listing and demand:
    /// exactly once, whatever rewrites follow.
    /// </summary>
    public static async Task UpsertListingAsync(NpgsqlTransaction tx, string id, ListingState state, DateOnly today)
    {
        if (state.Terms is not { } terms) return;
        var profile = ListingProfile.Of(id, terms, state.Patents);
        var connection = tx.Connection!;
        await connection.ExecuteAsync(
            """
            INSERT INTO market_listings (id, status, holder_id, center_id, deal_type, valid_until, created_at, patents, ipc_prefixes, tokens, profile)
            VALUES (@id, @status, @holder, @center, @deal, @validUntil, @createdAt, @patents, @prefixes, @tokens, @profile::jsonb)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, valid_until = excluded.valid_until, profile = excluded.profile,
                ipc_prefixes = excluded.ipc_prefixes, tokens = excluded.tokens
            """,
            new
            {
                id, status = Wire(state.Status), holder = terms.HolderId, center = terms.CenterId, deal = ListingRules.Wire(terms.DealType),
                validUntil = terms.ValidUntil, createdAt = state.CreatedAt, patents = terms.Patents.ToArray(),
                prefixes = profile.IpcPrefixes.ToArray(), tokens = profile.AllTokens.ToArray(), profile = JsonSerializer.Serialize(profile, Json),
            }, tx);
        if (state.Status != OfferStatus.Open || terms.ValidUntil < today) return;

        var facts = await FactsAsync(connection, tx, terms.Patents);
        foreach (var demand in await DemandCandidatesAsync(connection, tx, profile, today))
            if (MatchScoring.Score(demand, profile, facts, today) is { } match)
                await InsertFeedAsync(tx, demand.PartyId, $"listing:{id}:demand:{demand.Id}", "listing_fits_demand", id, new Dictionary<string, string?>
                {
                    ["listingId"] = id, ["demandId"] = demand.Id, ["score"] = match.Score.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["dealType"] = ListingRules.Wire(terms.DealType),
                }, state.OpenedAt ?? state.CreatedAt);
    }

    public static Task UpsertDemandAsync(NpgsqlTransaction tx, string id, DemandState state)
    {
        if (state.Terms is not { } terms) return Task.CompletedTask;
        var profile = DemandProfile.Of(id, terms);
        return tx.Connection!.ExecuteAsync(
            """
            INSERT INTO market_demands (id, status, party_id, deal_types, valid_until, created_at, ipc_prefixes, tokens, profile)
            VALUES (@id, @status, @party, @deals, @validUntil, @createdAt, @prefixes, @tokens, @profile::jsonb)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, valid_until = excluded.valid_until, profile = excluded.profile
            """,
            new
            {
                id, status = Wire(state.Status), party = terms.PartyId, deals = terms.DealTypes.Select(ListingRules.Wire).ToArray(),
                validUntil = terms.ValidUntil, createdAt = state.CreatedAt, prefixes = terms.IpcPrefixes.ToArray(),
                tokens = profile.AllTokens.ToArray(), profile = JsonSerializer.Serialize(profile, Json),
            }, tx);
    }

    /// <summary>The party's watches as they are now (replaced whole: a list holds at most 100).</summary>
    public static async Task UpsertWatchesAsync(NpgsqlTransaction tx, string partyId, WatchListState state)
    {
        var connection = tx.Connection!;
        await connection.ExecuteAsync("DELETE FROM market_watches WHERE party_id = @partyId", new { partyId }, tx);
        foreach (var w in state.Watches)
            await connection.ExecuteAsync(
                """
                INSERT INTO market_watches (party_id, watch_id, kind, holder_id, ipc_prefix, tokens, created_at)
                VALUES (@partyId, @id, @kind, @holder, @ipc, @tokens, @createdAt)
                """,
                new
                {
                    partyId, id = w.Id, kind = w.Kind.ToString().ToLowerInvariant(), createdAt = w.CreatedAt,
                    holder = w.Kind == WatchKind.Holder ? w.Value : null,
                    ipc = w.Kind == WatchKind.Ipc ? w.Value : null,
                    tokens = w.Kind == WatchKind.Keyword ? TextTokens.Keyword(w.Value).ToArray() : null,
                }, tx);
    }

    /// <summary>
    /// The patent's facts, and its events not seen before (<see cref="PatentEvents"/>): each is recorded once in
    /// <c>market_patent_events</c> and, in the same statement's transaction, fanned out to every party with a watch in
    /// scope at that moment — its holder (owners; for a transfer also the previous ones), an IPC prefix of its symbols,
    /// or a keyword all of whose words are among its title's and abstract's.
    /// </summary>
    public static async Task UpsertPatentAsync(NpgsqlTransaction tx, PatentState patent, DateTimeOffset now)
    {
        if (!patent.IsRegistered) return;
        var connection = tx.Connection!;
        var prefixes = patent.Ipc.SelectMany(IpcCode.Prefixes).Distinct().ToArray();
        var tokens = TextTokens.Index(patent.Title).Concat(TextTokens.Index(patent.Abstract)).Distinct().ToArray();
        await connection.ExecuteAsync(
            """
            INSERT INTO market_patent_facts (number, owner_ids, ipc_prefixes, tokens, facts) VALUES (@number, @owners, @prefixes, @tokens, @facts::jsonb)
            ON CONFLICT (number) DO UPDATE SET owner_ids = excluded.owner_ids, ipc_prefixes = excluded.ipc_prefixes, tokens = excluded.tokens, facts = excluded.facts
            """,
            new { number = patent.Number, owners = patent.OwnerIds.ToArray(), prefixes, tokens, facts = JsonSerializer.Serialize(PatentEvents.Facts(patent), Json) }, tx);

        var events = PatentEvents.Of(patent);
        var fresh = (await connection.QueryAsync<string>(
            """
            INSERT INTO market_patent_events (number, event_key) SELECT @number, unnest(@keys)
            ON CONFLICT DO NOTHING RETURNING event_key
            """, new { number = patent.Number, keys = events.Select(e => e.Key).ToArray() }, tx)).ToHashSet();
        foreach (var e in events.Where(e => fresh.Contains(e.Key)))
        {
            var detail = new Dictionary<string, string?>(e.Detail) { ["number"] = patent.Number, ["title"] = patent.Title };
            await connection.ExecuteAsync(
                """
                INSERT INTO market_feed (party_id, event_key, kind, subject, detail, created_at)
                SELECT party_id, @key, @kind, @number, @detail::jsonb || jsonb_build_object('watchId', min(watch_id)), @now
                FROM market_watches
                WHERE (kind = 'holder' AND holder_id = ANY(@holders))
                   OR (kind = 'ipc' AND ipc_prefix = ANY(@prefixes))
                   OR (kind = 'keyword' AND tokens <@ @tokens AND cardinality(tokens) > 0)
                GROUP BY party_id
                ON CONFLICT (party_id, event_key) DO NOTHING
                """,
                new { key = e.Key, kind = e.Kind, number = patent.Number, detail = JsonSerializer.Serialize(detail, Json), holders = e.Holders.ToArray(), prefixes, tokens, now }, tx);
        }
    }

    private static Task InsertFeedAsync(NpgsqlTransaction tx, string partyId, string key, string kind, string subject, IReadOnlyDictionary<string, string?> detail, DateTimeOffset at) =>
        tx.Connection!.ExecuteAsync(
            """
            INSERT INTO market_feed (party_id, event_key, kind, subject, detail, created_at) VALUES (@partyId, @key, @kind, @subject, @detail::jsonb, @at)
            ON CONFLICT (party_id, event_key) DO NOTHING
            """, new { partyId, key, kind, subject, detail = JsonSerializer.Serialize(detail, Json), at }, tx);

    // ------------------------------------------------------------------ queries

    private static async Task<IReadOnlyList<PatentFacts>> FactsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IEnumerable<string> numbers) =>
        [.. (await connection.QueryAsync<string>("SELECT facts::text FROM market_patent_facts WHERE number = ANY(@numbers)", new { numbers = numbers.Distinct().ToArray() }, tx))
            .Select(j => JsonSerializer.Deserialize<PatentFacts>(j, Json)!)];

    private static async Task<IReadOnlyList<DemandProfile>> DemandCandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, ListingProfile listing, DateOnly today) =>
        [.. (await connection.QueryAsync<string>(
            """
            SELECT profile::text FROM market_demands
            WHERE status = 'open' AND valid_until >= @today AND party_id <> @holder
              AND (cardinality(deal_types) = 0 OR @deal = ANY(deal_types))
              AND (ipc_prefixes && @prefixes OR tokens && @tokens)
            """,
            new { today, holder = listing.HolderId, deal = ListingRules.Wire(listing.DealType), prefixes = listing.IpcPrefixes.ToArray(), tokens = listing.AllTokens.ToArray() }, tx))
            .Select(j => JsonSerializer.Deserialize<DemandProfile>(j, Json)!)];

    public async Task<IReadOnlyList<MatchCandidate>> ListingCandidates(DemandProfile demand, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deals = demand.DealTypes.Select(ListingRules.Wire).ToArray();
        var rows = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT profile::text FROM market_listings
            WHERE status = 'open' AND valid_until >= @today AND holder_id <> @party
              AND (cardinality(@deals) = 0 OR deal_type = ANY(@deals))
              AND (ipc_prefixes && @prefixes OR tokens && @tokens)
            """,
            new { today, party = demand.PartyId, deals, prefixes = demand.IpcPrefixes.ToArray(), tokens = demand.AllTokens.ToArray() },
            cancellationToken: cancellationToken))).Select(j => JsonSerializer.Deserialize<ListingProfile>(j, Json)!).ToList();
        var facts = (await FactsAsync(connection, null, rows.SelectMany(r => r.Patents))).ToDictionary(f => f.Number);
        return [.. rows.Select(r => new MatchCandidate(r, [.. r.Patents.Where(facts.ContainsKey).Select(n => facts[n])]))];
    }

    public async Task<IReadOnlyList<DemandProfile>> DemandCandidates(ListingProfile listing, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await DemandCandidatesAsync(connection, null, listing, today);
    }

    public async Task<IReadOnlyList<PatentFacts>> Facts(IReadOnlyList<string> numbers, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FactsAsync(connection, null, numbers);
    }

    public async Task<IdPage> Listings(ListingFilter f, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var status = f.Status switch
        {
            OfferStatus.Expired => "status IN ('draft', 'open') AND valid_until < @today",
            OfferStatus.Draft or OfferStatus.Open => "status = @status AND valid_until >= @today",
            _ => "status = @status",
        };
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT id FROM market_listings
            WHERE {status} AND (@holder::text IS NULL OR holder_id = @holder) AND (@center::text IS NULL OR center_id = @center)
              AND (@deal::text IS NULL OR deal_type = @deal) AND (@ipc::text IS NULL OR ipc_prefixes @> ARRAY[@ipc])
            ORDER BY created_at, id OFFSET @from LIMIT @limit
            """,
            new
            {
                status = Wire(f.Status), today = f.Today, holder = f.HolderId, center = f.CenterId, deal = f.DealType is { } d ? ListingRules.Wire(d) : null,
                ipc = f.IpcPrefix, from = f.From, limit = f.Limit + 1,
            }, cancellationToken: cancellationToken))).ToList();
        return new IdPage([.. ids.Take(f.Limit)], ids.Count > f.Limit);
    }

    public async Task<IdPage> Demands(string? partyId, int from, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM market_demands WHERE (@partyId::text IS NULL OR party_id = @partyId) ORDER BY created_at, id OFFSET @from LIMIT @limit",
            new { partyId, from, limit = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        return new IdPage([.. ids.Take(limit)], ids.Count > limit);
    }

    public async Task<IReadOnlyList<FeedEntry>> Feed(string partyId, long after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Seq, string Kind, string EventKey, string Subject, string Detail, DateTime CreatedAt)>(new CommandDefinition(
            """
            SELECT seq, kind, event_key AS eventkey, subject, detail::text AS detail, created_at AS createdat FROM market_feed
            WHERE party_id = @partyId AND seq > @after ORDER BY seq LIMIT @limit
            """, new { partyId, after, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FeedEntry(r.Seq, r.Kind, r.EventKey, r.Subject,
            JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Detail, Json)!, new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc))))];
    }
}
