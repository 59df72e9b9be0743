using System.Text;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Runtime;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Silo.Catalogue;

/// <summary>
/// The catalogue in <c>patent_catalogue</c>: upserted with the patent's state, searched with a
/// trigram index for keywords and GIN array indexes for IPC prefixes and owners. Ordered by
/// number, so the cursor is the last number seen (keyset pagination, no OFFSET).
/// </summary>
public sealed class PostgresPatentCatalogue(NpgsqlDataSource dataSource, TimeProvider clock) : IPatentCatalogue, IPostgresProjection
{
    public string GrainType => "patent";

    public async Task ProjectAsync(NpgsqlTransaction transaction, GrainId id, object state, CancellationToken cancellationToken)
    {
        var row = CatalogueRow.From((PatentState)state, Today);
        await transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO patent_catalogue (number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on, value_amount, value_currency)
            VALUES (@Number, @Title, @SearchText, @Type, @Status, @Ipc, @IpcPrefixes, @OwnerIds, @FilingDate, @ExpiresOn, @ValueAmount, @ValueCurrency)
            ON CONFLICT (number) DO UPDATE SET title = excluded.title, search_text = excluded.search_text, type = excluded.type,
                status = excluded.status, ipc = excluded.ipc, ipc_prefixes = excluded.ipc_prefixes, owner_ids = excluded.owner_ids,
                filing_date = excluded.filing_date, expires_on = excluded.expires_on, value_amount = excluded.value_amount,
                value_currency = excluded.value_currency
            """, row, transaction);
    }

    public async Task<CataloguePage> Search(CatalogueQuery query, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var sql = new StringBuilder(
            "SELECT number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on, value_amount, value_currency FROM patent_catalogue WHERE true");
        var args = new DynamicParameters(new { today, limit = query.Limit + 1 });
        for (var i = 0; i < query.Keywords.Count; i++)
        {
            sql.Append($" AND search_text LIKE @kw{i}");
            args.Add($"kw{i}", $"%{EscapeLike(query.Keywords[i].ToLowerInvariant())}%");
        }
        if (query.IpcPrefix is { } ipc) { sql.Append(" AND ipc_prefixes @> ARRAY[@ipc]"); args.Add("ipc", IpcCode.Compact(ipc)); }
        if (query.OwnerId is { } owner) { sql.Append(" AND owner_ids @> ARRAY[@owner]"); args.Add("owner", owner); }
        if (query.Type is { } type) { sql.Append(" AND type = @type"); args.Add("type", CatalogueRow.Name(type)); }
        if (query.Status is { } status) sql.Append(StatusFilter(status, args));
        if (query.MinValue is { } min) { sql.Append(" AND value_amount >= @min"); args.Add("min", min); }
        if (query.MaxValue is { } max) { sql.Append(" AND value_amount <= @max"); args.Add("max", max); }
        if (query.After is { } after) { sql.Append(" AND number > @after"); args.Add("after", after); }
        sql.Append(" ORDER BY number LIMIT @limit");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql.ToString(), args, cancellationToken: cancellationToken));
        var rows = new List<CatalogueRow>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(Read(reader));
        var page = rows.Take(query.Limit).Select(r => r.ToEntry(today)).ToList();
        return new CataloguePage(page, rows.Count > query.Limit ? page[^1].Number : null);
    }

    /// <summary>A pending or granted patent past its term counts as expired (<see cref="PatentTerm.EffectiveStatus"/>).</summary>
    private static string StatusFilter(LegalStatus status, DynamicParameters args)
    {
        args.Add("status", CatalogueRow.Name(status));
        return status switch
        {
            LegalStatus.Pending or LegalStatus.Granted => " AND status = @status AND expires_on > @today",
            LegalStatus.Expired => " AND (status = @status OR (status IN ('pending', 'granted') AND expires_on <= @today))",
            _ => " AND status = @status",
        };
    }

    private static CatalogueRow Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetFieldValue<string[]>(5), r.GetFieldValue<string[]>(6), r.GetFieldValue<string[]>(7),
        r.GetFieldValue<DateOnly>(8), r.GetFieldValue<DateOnly>(9),
        r.IsDBNull(10) ? null : r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11));

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
