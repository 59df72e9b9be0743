using System.Text;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>
/// The catalogue in <c>patent_catalogue</c>: upserted with the patent's state, searched with a
/// trigram index for keywords (a gram index for keywords of one or two characters) and GIN array
/// indexes for IPC prefixes and owners. Ordered by number, so the cursor is the last number seen
/// (keyset pagination, no OFFSET).
/// </summary>
/// <remarks>
/// A search runs in up to two steps, because no single plan is fast for both common and rare
/// matches. Step 1 filters the next <see cref="Window"/> patents in number order (of the given
/// type and recorded status, when those are asked for, through their ordered indexes): bounded
/// work, and the whole answer whenever matches are common. If that does not fill the page, the
/// filters are selective, and step 2 lets the indexes find every match and sorts only those.
/// A single <c>ORDER BY number LIMIT</c> query leaves that choice to the planner, which assumes
/// matches are spread evenly over the numbers; they are not (English text is in foreign numbers,
/// which sort last; pending patents have the latest numbers, expired ones the earliest), and it
/// then walks most of the table. See docs/BENCHMARKS.md.
/// </remarks>
public sealed class PostgresPatentCatalogue(NpgsqlDataSource dataSource, MarketClock clock) : IPatentCatalogue
{
    /// <summary>Upserts the patent's row inside the grain storage's transaction, so the catalogue never disagrees with the state.</summary>
    public static async Task UpsertAsync(NpgsqlTransaction transaction, PatentState state, DateOnly today)
    {
        var row = CatalogueRow.From(state, today);
        await transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO patent_catalogue (number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on, value_amount, value_currency, grant_date,
                                          score_legal, score_technical, score_economic)
            VALUES (@Number, @Title, @SearchText, @Type, @Status, @Ipc, @IpcPrefixes, @OwnerIds, @FilingDate, @ExpiresOn, @ValueAmount, @ValueCurrency, @GrantDate,
                    @ScoreLegal, @ScoreTechnical, @ScoreEconomic)
            ON CONFLICT (number) DO UPDATE SET title = excluded.title, search_text = excluded.search_text, type = excluded.type,
                status = excluded.status, ipc = excluded.ipc, ipc_prefixes = excluded.ipc_prefixes, owner_ids = excluded.owner_ids,
                filing_date = excluded.filing_date, expires_on = excluded.expires_on, value_amount = excluded.value_amount,
                value_currency = excluded.value_currency, grant_date = excluded.grant_date,
                score_legal = excluded.score_legal, score_technical = excluded.score_technical, score_economic = excluded.score_economic
            """, row, transaction);
    }

    /// <summary>How many patents after the cursor step 1 looks at (more for large pages).</summary>
    internal const int Window = 1000;

    private const string Columns =
        "number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on, value_amount, value_currency";

    public async Task<CataloguePage> Search(CatalogueQuery query, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var filter = new StringBuilder();     // what a row must satisfy
        var indexable = new StringBuilder();  // implied by filter; only there so that step 2 can use the gram index
        var args = new DynamicParameters(new { today, limit = query.Limit + 1, window = Math.Max(Window, 10 * (query.Limit + 1)) });
        var keywords = query.Keywords.Select(k => k.ToLowerInvariant()).ToList();
        for (var i = 0; i < keywords.Count; i++)
        {
            filter.Append($" AND search_text LIKE @kw{i}");
            args.Add($"kw{i}", $"%{EscapeLike(keywords[i])}%");
        }
        // Only when no keyword has a trigram: a bitmap that also used the trigram index would need a
        // recheck, which evaluates catalogue_short_grams on every candidate row.
        if (keywords.Count > 0 && keywords.All(IsShortGram))
            for (var i = 0; i < keywords.Count; i++)
            {
                indexable.Append($" AND catalogue_short_grams(search_text) @> ARRAY[@gram{i}]");
                args.Add($"gram{i}", keywords[i]);
            }
        if (query.IpcPrefix is { } ipc) { filter.Append(" AND ipc_prefixes @> ARRAY[@ipc]"); args.Add("ipc", IpcCode.Compact(ipc)); }
        if (query.OwnerId is { } owner) { filter.Append(" AND owner_ids @> ARRAY[@owner]"); args.Add("owner", owner); }
        if (query.Type is { } type) { filter.Append(" AND type = @type"); args.Add("type", CatalogueRow.Name(type)); }
        var (recorded, effective) = query.Status is { } status ? StatusFilter(status, args) : ("", "");
        filter.Append(recorded).Append(effective);
        if (query.MinValue is { } min) { filter.Append(" AND value_amount >= @min"); args.Add("min", min); }
        if (query.MaxValue is { } max) { filter.Append(" AND value_amount <= @max"); args.Add("max", max); }
        var after = "";
        if (query.After is { } cursor) { after = " AND number > @after"; args.Add("after", cursor); }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Step 1: the next @window patents in number order, filtered. With a recorded status, only
        // those of that status (and type) and in force if so asked, which an index gives in number
        // order: (status, number) or (type, status, number); the ones past their term that it skips
        // are the few whose status was never updated. A type alone is not worth it: every type is
        // common everywhere.
        var ordered = recorded.Length == 0 ? "" : (query.Type is null ? "" : " AND type = @type") + recorded + effective;
        var rows = await ReadAsync(connection,
            $"SELECT {Columns} FROM (SELECT {Columns} FROM patent_catalogue WHERE true{ordered}{after} ORDER BY number LIMIT @window) w WHERE true{filter} ORDER BY number LIMIT @limit",
            args, cancellationToken);
        // Step 2: the page is not full, so matches are rare here: find them all through the indexes
        // (the MATERIALIZED fence keeps the planner from walking the number index instead), then sort.
        if (rows.Count <= query.Limit && filter.Length > 0)
            rows = await ReadAsync(connection,
                $"""
                WITH matches AS MATERIALIZED (SELECT number FROM patent_catalogue WHERE true{filter}{indexable}{after})
                SELECT {Columns} FROM patent_catalogue WHERE number IN (SELECT number FROM matches ORDER BY number LIMIT @limit) ORDER BY number
                """,
                args, cancellationToken);
        var page = rows.Take(query.Limit).Select(r => r.ToEntry(today)).ToList();
        return new CataloguePage(page, rows.Count > query.Limit ? page[^1].Number : null);
    }

    private static async Task<List<CatalogueRow>> ReadAsync(NpgsqlConnection connection, string sql, DynamicParameters args, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: cancellationToken));
        var rows = new List<CatalogueRow>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(Read(reader));
        return rows;
    }

    /// <summary>
    /// Keywords of one or two characters (code points) have no trigram, but are exactly the
    /// elements of <c>catalogue_short_grams(search_text)</c> they occur in (migration 0004), unless
    /// they contain U+0001, which that function uses as a separator.
    /// </summary>
    private static bool IsShortGram(string keyword)
    {
        var length = 0;
        foreach (var rune in keyword.EnumerateRunes())
            if (rune.Value == 1 || ++length > 2) return false;
        return length > 0;
    }

    /// <summary>
    /// A pending or granted patent past its term counts as expired (<see cref="PatentTerm.EffectiveStatus"/>).
    /// Returns the condition on the recorded status (an equality, or empty) and the rest.
    /// </summary>
    private static (string Recorded, string Effective) StatusFilter(LegalStatus status, DynamicParameters args)
    {
        args.Add("status", CatalogueRow.Name(status));
        return status switch
        {
            LegalStatus.Pending or LegalStatus.Granted => (" AND status = @status", " AND expires_on > @today"),
            LegalStatus.Expired => ("", " AND (status = @status OR (status IN ('pending', 'granted') AND expires_on <= @today))"),
            _ => (" AND status = @status", ""),
        };
    }

    private static CatalogueRow Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetFieldValue<string[]>(5), r.GetFieldValue<string[]>(6), r.GetFieldValue<string[]>(7),
        r.GetFieldValue<DateOnly>(8), r.GetFieldValue<DateOnly>(9),
        r.IsDBNull(10) ? null : r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11));

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private DateOnly Today => clock.Today;
}
