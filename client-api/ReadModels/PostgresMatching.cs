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
            INSERT INTO market_listings (id, status, holder_id, center_id, deal_type, valid_until, created_at, patents, ipc_prefixes, tokens,
                title_tokens, abstract_tokens, description_tokens, price_min, price_currency, region, profile)
            VALUES (@id, @status, @holder, @center, @deal, @validUntil, @createdAt, @patents, @prefixes, @tokens,
                @titleTokens, @abstractTokens, @descriptionTokens, @priceMin, @priceCurrency, @region, @profile::jsonb)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, valid_until = excluded.valid_until, profile = excluded.profile
            """,
            new
            {
                id, status = Wire(state.Status), holder = terms.HolderId, center = terms.CenterId, deal = ListingRules.Wire(terms.DealType),
                validUntil = terms.ValidUntil, createdAt = state.CreatedAt, patents = terms.Patents.ToArray(),
                prefixes = profile.IpcPrefixes.ToArray(), tokens = profile.AllTokens.ToArray(), titleTokens = profile.TitleTokens.ToArray(),
                abstractTokens = profile.AbstractTokens.ToArray(), descriptionTokens = profile.DescriptionTokens.ToArray(),
                priceMin = profile.Price?.Min, priceCurrency = profile.Price?.Currency, region = profile.Region, profile = JsonSerializer.Serialize(profile, Json),
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
            INSERT INTO market_patent_facts (number, status, expires_on, pledgee_id, blocked_until, owner_ids, ipc_prefixes, tokens, facts)
            VALUES (@number, @status, @expiresOn, @pledgee, @blockedUntil, @owners, @prefixes, @tokens, @facts::jsonb)
            ON CONFLICT (number) DO UPDATE SET status = excluded.status, expires_on = excluded.expires_on, pledgee_id = excluded.pledgee_id,
                blocked_until = excluded.blocked_until, owner_ids = excluded.owner_ids, ipc_prefixes = excluded.ipc_prefixes, tokens = excluded.tokens, facts = excluded.facts
            """, FactsRow(patent, prefixes, tokens), tx);

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

    /// <summary>The row of <c>market_patent_facts</c> (also what the benchmark COPYs).</summary>
    public static FactsColumns FactsRow(PatentState patent, string[] prefixes, string[] tokens)
    {
        var facts = PatentEvents.Facts(patent);
        var blocking = facts.Licences.Select(l => l.End ?? DateOnly.MaxValue).DefaultIfEmpty().Max();
        return new FactsColumns(patent.Number, facts.Status.ToString().ToLowerInvariant(), facts.ExpiresOn, facts.PledgeeId,
            facts.Licences.Count == 0 ? null : blocking, [.. patent.OwnerIds], prefixes, tokens, JsonSerializer.Serialize(facts, Json));
    }

    public sealed record FactsColumns(string Number, string Status, DateOnly ExpiresOn, string? Pledgee, DateOnly? BlockedUntil, string[] Owners,
        string[] Prefixes, string[] Tokens, string Facts);

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

    public async Task<IReadOnlyList<ScoredListing>> ScoreListings(DemandProfile demand, DateOnly today, CancellationToken cancellationToken = default)
    {
        // The features of MatchScoring.Points per candidate, computed by the index's rows: which prefixes and keywords hit
        // (a keyword when all its words are in one field), the budget and the patents' standing. Candidates that are no
        // match by MatchScoring.Score's rules are left out here; the C# formula then gives the points.
        var args = new DynamicParameters(new
        {
            today, party = demand.PartyId, deals = demand.DealTypes.Select(ListingRules.Wire).ToArray(), prefixes = demand.IpcPrefixes.ToArray(),
            tokens = demand.AllTokens.ToArray(), budgetMax = demand.Budget?.Max, budgetCurrency = demand.Budget?.Currency,
        });
        var hits = new List<string>();
        for (var i = 0; i < demand.Keywords.Count; i++)
        {
            args.Add($"k{i}", demand.Keywords[i].Tokens.ToArray());
            hits.Add($"(cardinality(@k{i}) > 0 AND (l.title_tokens @> @k{i} OR l.abstract_tokens @> @k{i} OR l.description_tokens @> @k{i}))::int");
        }
        var keywordHits = hits.Count == 0 ? "0" : string.Join(" + ", hits);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<FeatureRow>(new CommandDefinition(
            $"""
            SELECT c.id AS Id, c.prefixes_matched AS PrefixesMatched, c.keywords_hit AS KeywordsHit, c.budget_within AS BudgetWithin, c.region AS Region,
                   f.shortest AS Shortest, f.all_granted AS AllGranted, f.pledged AS Pledged
            FROM (
                SELECT l.id, l.patents, l.deal_type, l.region,
                       (SELECT count(*) FROM unnest(@prefixes) p WHERE p = ANY(l.ipc_prefixes))::int AS prefixes_matched,
                       ({keywordHits})::int AS keywords_hit,
                       (l.price_min IS NOT NULL AND @budgetCurrency::text IS NOT NULL AND l.price_currency = @budgetCurrency AND l.price_min <= @budgetMax) AS budget_within
                FROM market_listings l
                WHERE l.status = 'open' AND l.valid_until >= @today AND l.holder_id <> @party
                  AND (cardinality(@deals) = 0 OR l.deal_type = ANY(@deals))
                  AND (l.ipc_prefixes && @prefixes OR l.tokens && @tokens)
            ) c
            CROSS JOIN LATERAL (
                SELECT count(*) AS n, min(expires_on) AS shortest, bool_and(status = 'granted') AS all_granted,
                       bool_and(status IN ('pending', 'granted') AND expires_on > @today) AS in_force,
                       bool_or(pledgee_id IS NOT NULL) AS pledged, bool_or(blocked_until >= @today) AS blocked
                FROM market_patent_facts WHERE number = ANY(c.patents)
            ) f
            WHERE (c.prefixes_matched > 0 OR c.keywords_hit > 0) AND f.n = cardinality(c.patents) AND f.in_force
              AND NOT (c.deal_type <> 'sale' AND coalesce(f.blocked, false))
            """, args, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ScoredListing(r.Id, MatchScoring.Points(new MatchFeatures(demand.IpcPrefixes.Count, r.PrefixesMatched, demand.Keywords.Count,
            r.KeywordsHit, r.BudgetWithin, MatchScoring.Region(demand.Region, r.Region).Verdict == "inside", r.Shortest, r.AllGranted, r.Pledged), today)))];
    }

    private sealed record FeatureRow(string Id, int PrefixesMatched, int KeywordsHit, bool BudgetWithin, string? Region, DateOnly Shortest, bool AllGranted, bool Pledged);

    public async Task<IReadOnlyList<MatchCandidate>> Candidates(IReadOnlyList<string> listingIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<string>(new CommandDefinition("SELECT profile::text FROM market_listings WHERE id = ANY(@ids)",
            new { ids = listingIds.ToArray() }, cancellationToken: cancellationToken))).Select(j => JsonSerializer.Deserialize<ListingProfile>(j, Json)!).ToList();
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
