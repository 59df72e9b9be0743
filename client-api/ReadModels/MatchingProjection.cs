using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>
/// The matching rows — listings, demands, watches, patent facts — and feed entries, written inside the grain
/// storage's transaction by the silo's projections, so an index row or feed entry never disagrees with the state that
/// caused it (docs/MATCHING.md). <see cref="PostgresMatching"/> reads them.
/// </summary>
public static class MatchingProjection
{
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
                id, status = PostgresMatching.Wire(state.Status), holder = terms.HolderId, center = terms.CenterId, deal = ListingRules.Wire(terms.DealType),
                validUntil = terms.ValidUntil, createdAt = state.CreatedAt, patents = terms.Patents.ToArray(),
                prefixes = profile.IpcPrefixes.ToArray(), tokens = profile.AllTokens.ToArray(), titleTokens = profile.TitleTokens.ToArray(),
                abstractTokens = profile.AbstractTokens.ToArray(), descriptionTokens = profile.DescriptionTokens.ToArray(),
                priceMin = profile.Price?.Min, priceCurrency = profile.Price?.Currency, region = profile.Region, profile = JsonSerializer.Serialize(profile, PostgresMatching.Json),
            }, tx);
        if (state.Status != OfferStatus.Open || terms.ValidUntil < today) return;

        var facts = await PostgresMatching.FactsAsync(connection, tx, terms.Patents);
        foreach (var demand in await PostgresMatching.DemandCandidatesAsync(connection, tx, profile, today))
            if (MatchScoring.Score(demand, profile, facts, today) is { } match)
                await InsertFeedAsync(tx, demand.PartyId, $"listing:{id}:demand:{demand.Id}", "listing_fits_demand", id, FitDetail(profile, demand.Id, match),
                    state.OpenedAt ?? state.CreatedAt);
    }

    /// <summary>
    /// The demand's row; when it is open, a feed entry for its party for each already-open listing it fits, under the
    /// same key as the listing's own notification (<c>listing:{id}:demand:{demandId}</c>): whichever of the two writes
    /// comes first inserts it, so a demand recorded after a matching listing opened hears of it once, and one recorded
    /// before hears of it once too.
    /// </summary>
    public static async Task UpsertDemandAsync(NpgsqlTransaction tx, string id, DemandState state, DateOnly today)
    {
        if (state.Terms is not { } terms) return;
        var profile = DemandProfile.Of(id, terms);
        await tx.Connection!.ExecuteAsync(
            """
            INSERT INTO market_demands (id, status, party_id, deal_types, valid_until, created_at, ipc_prefixes, tokens, profile)
            VALUES (@id, @status, @party, @deals, @validUntil, @createdAt, @prefixes, @tokens, @profile::jsonb)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, valid_until = excluded.valid_until, profile = excluded.profile
            """,
            new
            {
                id, status = PostgresMatching.Wire(state.Status), party = terms.PartyId, deals = terms.DealTypes.Select(ListingRules.Wire).ToArray(),
                validUntil = terms.ValidUntil, createdAt = state.CreatedAt, prefixes = terms.IpcPrefixes.ToArray(),
                tokens = profile.AllTokens.ToArray(), profile = JsonSerializer.Serialize(profile, PostgresMatching.Json),
            }, tx);
        if (state.Status != OfferStatus.Open || terms.ValidUntil < today) return;

        var openedAt = state.History.LastOrDefault(h => h.Status == OfferStatus.Open)?.At ?? state.CreatedAt;
        foreach (var candidate in await PostgresMatching.ListingCandidatesAsync(tx.Connection!, tx, profile, today))
            if (MatchScoring.Score(profile, candidate.Listing, candidate.Facts, today) is { } match)
                await InsertFeedAsync(tx, terms.PartyId, $"listing:{candidate.Listing.Id}:demand:{id}", "listing_fits_demand", candidate.Listing.Id,
                    FitDetail(candidate.Listing, id, match), openedAt);
    }

    /// <summary>What a <c>listing_fits_demand</c> entry says, whichever write raised it.</summary>
    private static Dictionary<string, string?> FitDetail(ListingProfile listing, string demandId, MatchResult match) => new()
    {
        ["listingId"] = listing.Id, ["demandId"] = demandId, ["score"] = match.Score.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["dealType"] = ListingRules.Wire(listing.DealType),
    };

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
                new { key = e.Key, kind = e.Kind, number = patent.Number, detail = JsonSerializer.Serialize(detail, PostgresMatching.Json), holders = e.Holders.ToArray(), prefixes, tokens, now }, tx);
        }
    }

    /// <summary>The row of <c>market_patent_facts</c> (also what the benchmark COPYs).</summary>
    public static FactsColumns FactsRow(PatentState patent, string[] prefixes, string[] tokens)
    {
        var facts = PatentEvents.Facts(patent);
        var blocking = facts.Licences.Select(l => l.End ?? DateOnly.MaxValue).DefaultIfEmpty().Max();
        return new FactsColumns(patent.Number, facts.Status.ToString().ToLowerInvariant(), facts.ExpiresOn, facts.PledgeeId,
            facts.Licences.Count == 0 ? null : blocking, [.. patent.OwnerIds], prefixes, tokens, JsonSerializer.Serialize(facts, PostgresMatching.Json));
    }

    public sealed record FactsColumns(string Number, string Status, DateOnly ExpiresOn, string? Pledgee, DateOnly? BlockedUntil, string[] Owners,
        string[] Prefixes, string[] Tokens, string Facts);

    private static Task InsertFeedAsync(NpgsqlTransaction tx, string partyId, string key, string kind, string subject, IReadOnlyDictionary<string, string?> detail, DateTimeOffset at) =>
        tx.Connection!.ExecuteAsync(
            """
            INSERT INTO market_feed (party_id, event_key, kind, subject, detail, created_at) VALUES (@partyId, @key, @kind, @subject, @detail::jsonb, @at)
            ON CONFLICT (party_id, event_key) DO NOTHING
            """, new { partyId, key, kind, subject, detail = JsonSerializer.Serialize(detail, PostgresMatching.Json), at }, tx);
}
