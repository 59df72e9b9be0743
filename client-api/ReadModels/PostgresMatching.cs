using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>
/// The matching queries over listings, demands, patent facts, watches and feeds in PostgreSQL (migration 0010; the
/// rows are written by <see cref="MatchingProjection"/>): candidates are found through GIN indexes over IPC prefixes
/// and jieba words of open offers only, and <see cref="MatchScoring"/> scores them.
/// </summary>
public sealed class PostgresMatching(NpgsqlDataSource dataSource) : IMatchQueries
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    internal static string Wire(OfferStatus s) => OfferLifecycle.Wire(s);

    internal static async Task<IReadOnlyList<PatentFacts>> FactsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IEnumerable<string> numbers) =>
        [.. (await connection.QueryAsync<string>("SELECT facts::text FROM market_patent_facts WHERE number = ANY(@numbers)", new { numbers = numbers.Distinct().ToArray() }, tx))
            .Select(j => JsonSerializer.Deserialize<PatentFacts>(j, Json)!)];

    internal static async Task<IReadOnlyList<DemandProfile>> DemandCandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, ListingProfile listing, DateOnly today) =>
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
        return await ListingCandidatesAsync(connection, null, demand, today, cancellationToken);
    }

    /// <summary>The open listings a demand's indexes find, with their patents' facts (also inside a demand's write, for its feed).</summary>
    internal static async Task<IReadOnlyList<MatchCandidate>> ListingCandidatesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, DemandProfile demand, DateOnly today, CancellationToken cancellationToken = default)
    {
        var deals = demand.DealTypes.Select(ListingRules.Wire).ToArray();
        var rows = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT profile::text FROM market_listings
            WHERE status = 'open' AND valid_until >= @today AND holder_id <> @party
              AND (cardinality(@deals) = 0 OR deal_type = ANY(@deals))
              AND (ipc_prefixes && @prefixes OR tokens && @tokens)
            """,
            new { today, party = demand.PartyId, deals, prefixes = demand.IpcPrefixes.ToArray(), tokens = demand.AllTokens.ToArray() }, tx,
            cancellationToken: cancellationToken))).Select(j => JsonSerializer.Deserialize<ListingProfile>(j, Json)!).ToList();
        var facts = (await FactsAsync(connection, tx, rows.SelectMany(r => r.Patents))).ToDictionary(f => f.Number);
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
