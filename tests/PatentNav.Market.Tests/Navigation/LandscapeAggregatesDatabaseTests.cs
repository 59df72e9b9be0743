using System.Text.Json;
using Dapper;
using Npgsql;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Grains.Navigation;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Navigation;

/// <summary>
/// The landscape aggregates (migration 0017) give exactly the figures the catalogue rows give, on a varied catalogue
/// (several IPC symbols per patent across sections, one to three owners, universities, CNY and USD values, scores,
/// terms ending around today) — before and after transfers, lapses, revaluations, a party's kind changing, a patent
/// removed and one added, and the clock moving forward (expiries) and back. Its own database: the comparison covers
/// the whole catalogue.
/// </summary>
public sealed class LandscapeAggregatesDatabaseTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2030, 1, 2);
    private NpgsqlDataSource data = null!;

    public async Task InitializeAsync() => data = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());

    public async Task DisposeAsync() => await data.DisposeAsync();

    private static readonly LandscapeScope[] Scopes =
    [
        new([], [], null, null, null, null),
        new(["H"], [], null, null, null, null),
        new(["H01"], [], null, null, null, null),
        new(["H01M"], [], null, null, null, null),
        new(["G06F"], [], new DateOnly(2020, 1, 1), null, null, null),
        new([], [], new DateOnly(2018, 1, 1), new DateOnly(2026, 12, 31), null, null),
        new(["H01M"], [], null, null, null, null, Currency: "USD"),
    ];

    private async Task Seed()
    {
        await using var c = await data.OpenConnectionAsync();
        await c.ExecuteAsync("""
            INSERT INTO party_directory (id, name, kind, region)
            SELECT 'pty_t' || h, 'holder ' || h, CASE WHEN h % 5 = 0 THEN 'university' WHEN h % 7 = 0 THEN 'research_institute' ELSE 'company' END,
                   '33' || lpad((h % 3 + 1)::text, 2, '0') || '00'
            FROM generate_series(0, 29) h
            """);
        // 400 patents; deterministic but varied: symbols from three sections, 1–3 owners (skewed), filing years
        // 2012–2029, terms (10 or 20 years) of which some end in 2030–2033, values in two currencies, scores.
        await c.ExecuteAsync("""
            INSERT INTO patent_catalogue (number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on,
                                          value_amount, value_currency, grant_date, score_legal, score_technical, score_economic, effective_status)
            SELECT 'T' || lpad(i::text, 6, '0'), 't' || i, 't' || i, type, status, codes,
                   ARRAY(SELECT DISTINCT left(replace(code, ' ', ''), n) FROM unnest(codes) code, generate_series(1, length(replace(code, ' ', ''))) n),
                   owners, filing, filing + CASE WHEN type = 'invention' THEN interval '20 years' ELSE interval '10 years' END,
                   CASE WHEN i % 6 <> 0 THEN (i * 7919 % 5000 + 1) * power(10, i % 5)::bigint END,
                   CASE WHEN i % 6 = 0 THEN NULL WHEN i % 11 = 0 THEN 'USD' ELSE 'CNY' END,
                   CASE WHEN status <> 'pending' THEN filing + 400 + i % 300 END,
                   CASE WHEN i % 4 <> 0 THEN i * 37 % 101 END, CASE WHEN i % 4 <> 0 THEN i * 53 % 101 END, CASE WHEN i % 4 <> 0 THEN i * 71 % 101 END,
                   status -- effective_status (search's column, migration 0016): not what the landscape reads
            FROM (
                SELECT i,
                       CASE WHEN i % 3 = 0 THEN 'invention' WHEN i % 3 = 1 THEN 'utility_model' ELSE 'design' END AS type,
                       CASE WHEN i % 10 < 6 THEN 'granted' WHEN i % 10 < 8 THEN 'pending' ELSE 'lapsed' END AS status,
                       (ARRAY[(ARRAY['H01M 10/052', 'H01M 4/133', 'H01L 21/02', 'G06F 16/30', 'G06N 3/08', 'A61K 31/40'])[1 + i % 6]]
                        || CASE WHEN i % 4 = 0 THEN ARRAY[(ARRAY['H01M 10/054', 'G06F 16/30', 'H02J 7/00'])[1 + i % 3]] ELSE '{}'::text[] END) AS codes,
                       CASE WHEN i % 9 = 0 THEN ARRAY['pty_t' || (i % 30), 'pty_t' || ((i + 7) % 30), 'pty_t' || ((i + 13) % 30)]
                            WHEN i % 4 = 1 THEN ARRAY['pty_t' || (i % 30), 'pty_t' || ((i + 1) % 30)]
                            ELSE ARRAY['pty_t' || ((i * i) % 13)] END AS owners,
                       make_date(2012 + i % 18, 1 + i % 12, 1 + i % 28) AS filing
                FROM generate_series(1, 400) i) g
            """);
    }

    private async Task AssertSame(DateOnly today, string when)
    {
        var landscape = new PostgresLandscape(data);
        foreach (var scope in Scopes)
        {
            var exact = await landscape.Facts(scope, null, today, LandscapePath.Exact);
            var aggregated = await landscape.Facts(scope, null, today, LandscapePath.Aggregates);
            Assert.True(exact.Patents > 0, $"{when}: scope {Describe(scope)} is empty");
            Assert.Equal(Canonical(exact), Canonical(aggregated));
        }
    }

    private static string Describe(LandscapeScope s) => $"ipc={string.Join(",", s.Ipc)} from={s.From} to={s.To} {s.Currency}";

    /// <summary>The facts as JSON, with holder weights sorted and doubles rounded (Σ 1/k is float on one path, numeric on the other).</summary>
    private static string Canonical(LandscapeFacts f) => JsonSerializer.Serialize(f with
    {
        HolderWeights = [.. f.HolderWeights.Select(w => Math.Round(w, 9)).Order()],
        TopHolders = [.. f.TopHolders.Select(h => h with { Weight = Math.Round(h.Weight, 9) })],
        Scores = [.. (f.Scores ?? []).OrderBy(s => s.Dimension, StringComparer.Ordinal).ThenBy(s => s.Score)],
        Filings = [.. f.Filings.OrderBy(x => x.Year).ThenBy(x => x.Status, StringComparer.Ordinal).ThenBy(x => x.Type, StringComparer.Ordinal)],
        Grants = [.. f.Grants.OrderBy(x => x.Year).ThenBy(x => x.Status, StringComparer.Ordinal).ThenBy(x => x.Type, StringComparer.Ordinal)],
    });

    [Fact]
    public async Task Aggregated_landscapes_equal_the_exact_ones_as_patents_change()
    {
        await Seed();
        await AssertSame(Today, "seeded");

        await using (var c = await data.OpenConnectionAsync())
        {
            // Transfers: a sole owner's patents to another holder, and a co-owner leaving.
            await c.ExecuteAsync("UPDATE patent_catalogue SET owner_ids = ARRAY['pty_t5'] WHERE owner_ids = ARRAY['pty_t4']");
            await c.ExecuteAsync("UPDATE patent_catalogue SET owner_ids = owner_ids[1:1] WHERE cardinality(owner_ids) = 3 AND number < 'T000200'");
            // Lapses, a revaluation (new value, currency and scores), a grant, a title edit (counts unchanged).
            await c.ExecuteAsync("UPDATE patent_catalogue SET status = 'lapsed' WHERE number IN ('T000010', 'T000011', 'T000030', 'T000121')");
            await c.ExecuteAsync("UPDATE patent_catalogue SET value_amount = 123456789, value_currency = 'CNY', score_legal = 100, score_technical = 0, score_economic = NULL WHERE number IN ('T000012', 'T000066')");
            await c.ExecuteAsync("UPDATE patent_catalogue SET status = 'granted', grant_date = '2029-06-01' WHERE number = 'T000017'");
            await c.ExecuteAsync("UPDATE patent_catalogue SET title = 'renamed' WHERE number = 'T000013'");
            // A company becomes a research institute: its patents count as academic from now on.
            await c.ExecuteAsync("UPDATE party_directory SET kind = 'research_institute' WHERE id = 'pty_t1'");
            await c.ExecuteAsync("DELETE FROM patent_catalogue WHERE number = 'T000020'");
            await c.ExecuteAsync("""
                INSERT INTO patent_catalogue (number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on, value_amount, value_currency, effective_status)
                VALUES ('T900001', 'new', 'new', 'invention', 'pending', ARRAY['H01M 10/052'],
                        ARRAY['H', 'H0', 'H01', 'H01M', 'H01M1', 'H01M10', 'H01M10/', 'H01M10/0', 'H01M10/05', 'H01M10/052'],
                        ARRAY['pty_t2', 'pty_t3'], '2029-02-03', '2049-02-03', 777, 'CNY', 'pending')
                """);
            var academic = await c.ExecuteScalarAsync<long>("SELECT sum(academic) FROM landscape_counts WHERE scope = ''");
            Assert.Equal(await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM patent_catalogue c WHERE EXISTS (SELECT 1 FROM party_directory p WHERE p.id = ANY (c.owner_ids) AND p.kind IN ('university', 'research_institute'))"),
                academic);
        }
        await AssertSame(Today, "after transfers, lapses, revaluations");

        // Three years on, patents filed 2020–2023 with 10-year terms have expired by the clock alone.
        var later = Today.AddYears(3);
        var landscape = new PostgresLandscape(data);
        var before = await landscape.Facts(Scopes[0], null, Today, LandscapePath.Aggregates);
        var after = await landscape.Facts(Scopes[0], null, later, LandscapePath.Aggregates);
        Assert.True(after.Filings.Where(f => f.Status == "expired").Sum(f => f.Count) > before.Filings.Where(f => f.Status == "expired").Sum(f => f.Count));
        await AssertSame(later, "three years later");
        await AssertSame(Today, "back to today");
    }
}
