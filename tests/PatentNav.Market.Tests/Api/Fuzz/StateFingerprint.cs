using Npgsql;

namespace PatentNav.Market.Tests.Api.Fuzz;

/// <summary>
/// What a refused request must leave as it was, in one comparable string: the ledger (postings and entries), the journal,
/// every grain state row with its version, and the patent catalogue (tables of <c>silo/Storage/Migrations</c>).
/// Idempotency keys are left out: storing a refusal for replay is what they are for.
/// </summary>
public sealed class StateFingerprint(string connectionString) : IAsyncDisposable
{
    private const string Query = """
        SELECT (SELECT count(*) FROM ledger_postings) || ' postings, '
            || (SELECT count(*) FROM ledger_entries) || ' entries, '
            || (SELECT count(*) FROM grain_journal) || ' journal rows, '
            || (SELECT count(*) FROM grain_state) || ' states ' || (SELECT md5(coalesce(string_agg(grain_type || '/' || grain_key || '@' || version, ',' ORDER BY grain_type, grain_key), '')) FROM grain_state)
            || ', catalogue ' || (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY number), '')) FROM patent_catalogue c)
        """;

    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(connectionString);

    public async Task<(string Value, DateTime At)> Take()
    {
        await using var command = _database.CreateCommand($"SELECT ({Query}), clock_timestamp()");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetDateTime(1));
    }

    /// <summary>What was written since <paramref name="since"/>: the grain rows, journal rows and postings, for the report.</summary>
    public async Task<string> WrittenSince(DateTime since)
    {
        await using var command = _database.CreateCommand("""
            SELECT 'state ' || grain_type || '/' || grain_key || ' v' || version FROM grain_state WHERE modified_on >= @since
            UNION ALL SELECT 'journal ' || grain_type || '/' || grain_key || ' v' || version || ' ' || operation || ' by ' || coalesce(caller, '?') FROM grain_journal WHERE recorded_at >= @since
            UNION ALL SELECT 'posting ' || id || ' ' || memo FROM ledger_postings WHERE posted_at >= @since
            """);
        command.Parameters.AddWithValue("since", since);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines.Count == 0 ? "(no row with a timestamp since the request; a catalogue change?)" : string.Join("; ", lines);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
