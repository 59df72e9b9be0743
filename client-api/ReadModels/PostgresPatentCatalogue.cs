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
/// A status is searched on the stored <c>effective_status</c> (migration 0016, <see cref="StatusFilter"/>).
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
                                          score_legal, score_technical, score_economic, effective_status)
            VALUES (@Number, @Title, @SearchText, @Type, @Status, @Ipc, @IpcPrefixes, @OwnerIds, @FilingDate, @ExpiresOn, @ValueAmount, @ValueCurrency, @GrantDate,
                    @ScoreLegal, @ScoreTechnical, @ScoreEconomic, @EffectiveStatus)
            ON CONFLICT (number) DO UPDATE SET title = excluded.title, search_text = excluded.search_text, type = excluded.type,
                status = excluded.status, ipc = excluded.ipc, ipc_prefixes = excluded.ipc_prefixes, owner_ids = excluded.owner_ids,
                filing_date = excluded.filing_date, expires_on = excluded.expires_on, value_amount = excluded.value_amount,
                value_currency = excluded.value_currency, grant_date = excluded.grant_date,
                score_legal = excluded.score_legal, score_technical = excluded.score_technical, score_economic = excluded.score_economic,
                effective_status = excluded.effective_status
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
        var (statusFilter, statusBranches) = query.Status is { } status ? StatusFilter(status, args) : ("", [""]);
        filter.Append(statusFilter);
        if (query.MinValue is { } min) { filter.Append(" AND value_amount >= @min"); args.Add("min", min); }
        if (query.MaxValue is { } max) { filter.Append(" AND value_amount <= @max"); args.Add("max", max); }
        var after = "";
        if (query.After is { } cursor) { after = " AND number > @after"; args.Add("after", cursor); }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await SweepAsync(connection, today, cancellationToken);
        // Step 1: the next @window patents in number order, filtered. With a status, only those of that status (and
        // type), which the (effective_status, number) and (type, effective_status, number) indexes give in number order;
        // an expired search merges two such walks: rows stored expired, and rows stored in force whose term has ended
        // since (none once today's sweep ran, but the answer must not depend on it). A type alone is not worth it:
        // every type is common everywhere.
        var typed = query.Status is null || query.Type is null ? "" : " AND type = @type";
        // The window carries effective_status too: the filter applied over it tests it. Only the first branch is walked
        // in number order: the second (rows stored in force past their term) is empty once the day's sweep ran, and
        // asked for in number order the planner walked the whole primary key to find nothing (p95 450 ms at 50 000
        // patents); unordered, the partial index answers it, and the union's own ORDER BY … LIMIT sorts the few it finds.
        var branches = statusBranches.Select((b, i) => i == 0
            ? $"(SELECT {Columns}, effective_status FROM patent_catalogue WHERE true{b}{typed}{after} ORDER BY number LIMIT @window)"
            : $"(SELECT {Columns}, effective_status FROM patent_catalogue WHERE true{b}{typed}{after})").ToList();
        var source = branches.Count == 1
            ? branches[0]
            : $"(SELECT * FROM ({string.Join(" UNION ALL ", branches)}) u ORDER BY number LIMIT @window)";
        var rows = await ReadAsync(connection,
            $"SELECT {Columns} FROM {source} w WHERE true{filter} ORDER BY number LIMIT @limit",
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
    /// The condition for a status, on the stored <c>effective_status</c> (migration 0016) and exact whatever day the row
    /// was written on: a row stored pending or granted is expired once today reaches its <c>expires_on</c>
    /// (<see cref="PatentTerm.EffectiveStatus"/>); a row stored expired stays so (rows are written on or before today).
    /// Returns the whole condition and the branches whose union it is, each an equality an ordered index serves.
    /// </summary>
    private static (string Filter, string[] Branches) StatusFilter(LegalStatus status, DynamicParameters args)
    {
        args.Add("status", CatalogueRow.Name(status));
        const string stillInForce = " AND effective_status IN ('pending', 'granted') AND expires_on <= @today";
        return status switch
        {
            LegalStatus.Pending or LegalStatus.Granted => (" AND effective_status = @status AND expires_on > @today", [" AND effective_status = @status AND expires_on > @today"]),
            LegalStatus.Expired => (" AND (effective_status = @status OR (effective_status IN ('pending', 'granted') AND expires_on <= @today))",
                [" AND effective_status = @status", stillInForce]),
            _ => (" AND effective_status = @status", [" AND effective_status = @status"]),
        };
    }

    /// <summary>The last day <see cref="SweepAsync"/> ran for, as a day number (0: not yet).</summary>
    private int _sweptDay;

    /// <summary>
    /// Once a day per process, before the first search: rows stored pending or granted whose term has ended since
    /// they were written become expired, so that the ordered status indexes do not fill up with rows every search
    /// skips (after years, most of the catalogue). It only writes what <see cref="CatalogueRow.From"/> would write today
    /// for the same state, and a search is exact without it; several processes sweeping at once is harmless (the
    /// second finds nothing). The partial index <c>patent_catalogue_in_force_expiry</c> finds the rows.
    /// </summary>
    private async Task SweepAsync(NpgsqlConnection connection, DateOnly today, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _sweptDay) >= today.DayNumber) return;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE patent_catalogue SET effective_status = 'expired' WHERE effective_status IN ('pending', 'granted') AND expires_on <= @today",
            new { today }, cancellationToken: cancellationToken));
        int seen;
        do seen = Volatile.Read(ref _sweptDay);
        while (seen < today.DayNumber && Interlocked.CompareExchange(ref _sweptDay, today.DayNumber, seen) != seen);
    }

    private static CatalogueRow Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetFieldValue<string[]>(5), r.GetFieldValue<string[]>(6), r.GetFieldValue<string[]>(7),
        r.GetFieldValue<DateOnly>(8), r.GetFieldValue<DateOnly>(9),
        r.IsDBNull(10) ? null : r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11));

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private DateOnly Today => clock.Today;
}
