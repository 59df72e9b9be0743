using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Grains.Navigation;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Benchmarks;

/// <summary>
/// <c>--landscape</c>: latency of the navigation landscape (every section, <see cref="PostgresLandscape"/> +
/// <see cref="LandscapeBuilder"/>, the code path of <c>GET /api/v1/navigation/landscape</c> without HTTP) on a catalogue
/// generated in SQL: <c>--patents</c> (1 000 000) patents, <c>--holders</c> (100 000) holders with GB/T 2260 regions
/// and kinds, 20 IPC subclasses of equal size (so one subclass is a scope of ~5 % = ~50 000 patents), holders skewed
/// (holder ⌊n·u³⌋), 10 % co-owned, 85 % valued. <c>--quick</c>: 200 000 patents / 20 000 holders. docs/BENCHMARKS.md.
/// </summary>
public static class LandscapeBenchmark
{
    public static readonly string[] Subclasses =
        ["H01M", "H01L", "H04W", "H04L", "G06F", "G06N", "G06Q", "A61K", "A61B", "C07D", "C08L", "B60L", "B29C", "F16H", "G01N", "H02J", "C12N", "E04B", "F24F", "B65D"];

    public static async Task<int> RunAsync(string[] args, string server)
    {
        int Int(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var quick = args.Contains("--quick");
        var patents = Int("--patents", quick ? 200_000 : 1_000_000);
        var holders = Int("--holders", quick ? 20_000 : 100_000);
        var iterations = Int("--iterations", 40);
        var wholeIterations = Int("--whole-iterations", 5);
        var scopeTarget = Int("--target-ms", 300);
        var wholeTarget = Int("--whole-target-ms", 1000);
        var keep = args.Contains("--keep");
        // --exact: every scope computed from the catalogue rows (the path before the aggregates), for comparison.
        var path = args.Contains("--exact") ? LandscapePath.Exact : LandscapePath.Auto;
        var today = PatentNav.Market.Grains.Common.MarketClock.System.Today;

        var database = "market_nav_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await BenchDatabase.CreateAsync(server, database);
        try
        {
            await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            var sw = Stopwatch.StartNew();
            await SeedAsync(dataSource, patents, holders);
            Console.WriteLine($"landscape: {patents:N0} patents, {holders:N0} holders seeded and indexed in {sw.Elapsed.TotalSeconds:F0} s");

            var landscape = new PostgresLandscape(dataSource);
            async Task<double> Time(LandscapeScope scope)
            {
                var t = Stopwatch.StartNew();
                var facts = await landscape.Facts(scope, "pty_bench_caller", today, path);
                var built = LandscapeBuilder.Build(facts, scope, [], today, admin: false);
                if (built.Patents < 0) throw new InvalidOperationException();
                return t.Elapsed.TotalMilliseconds;
            }
            LandscapeScope Scope(string[] ipc, string? region = null, DateOnly? from = null) => new(ipc, [], from, null, region, null);

            var shapes = new List<(string Name, Func<int, LandscapeScope> Scope, int Iterations, int Target)>
            {
                ("one IPC subclass (~5 %)", i => Scope([Subclasses[i % Subclasses.Length]]), iterations, scopeTarget),
                ("subclass + province", i => Scope([Subclasses[i % Subclasses.Length]], region: "330000"), iterations, scopeTarget),
                ("subclass + filed since 2016", i => Scope([Subclasses[i % Subclasses.Length]], from: new DateOnly(2016, 1, 1)), iterations, scopeTarget),
                ("whole catalogue", _ => Scope([]), wholeIterations, wholeTarget),
            };
            var failed = false;
            Console.WriteLine($"path: {path}; aggregates cover the subclass and whole-catalogue shapes, subclass + province is computed exactly");
            Console.WriteLine($"{"shape",-30} {"patents",9} {"p50 ms",8} {"p95 ms",8} {"max ms",8}  target");
            foreach (var (name, scope, count, target) in shapes)
            {
                await Time(scope(0)); // warm-up
                var size = (await landscape.Facts(scope(0), null, today, path)).Patents;
                var times = new List<double>();
                for (var i = 0; i < count; i++) times.Add(await Time(scope(i)));
                times.Sort();
                double P(double p) => times[Math.Max(0, (int)Math.Ceiling(p * times.Count) - 1)];
                var ok = P(0.95) <= target;
                failed |= !ok;
                Console.WriteLine($"{name,-30} {size,9:N0} {P(0.5),8:F0} {P(0.95),8:F0} {times[^1],8:F0}  p95 ≤ {target} {(ok ? "ok" : "MISSED")}");
            }
            return args.Contains("--check") && failed ? 1 : 0;
        }
        finally
        {
            if (!keep) await BenchDatabase.DropAsync(server, database);
            else Console.WriteLine($"kept database {database}");
        }
    }

    /// <summary>Generates the catalogue and the party directory in SQL, with the catalogue's indexes rebuilt afterwards.</summary>
    private static async Task SeedAsync(NpgsqlDataSource dataSource, int patents, int holders)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        var indexes = (await c.QueryAsync<(string Name, string Definition)>(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'patent_catalogue'::regclass AND NOT indisprimary")).ToList();
        foreach (var index in indexes) await c.ExecuteAsync($"DROP INDEX {index.Name}");
        // The landscape aggregates' statement triggers would merge a million rows at once: off while seeding, then one
        // landscape_rebuild (the same merge, in chunks).
        await c.ExecuteAsync("ALTER TABLE patent_catalogue DISABLE TRIGGER patent_catalogue_landscape_insert");
        await c.ExecuteAsync("SELECT setseed(0.42)");
        // Holders: 3 % universities, 2 % institutes; regions from 12 provinces, prefecture 01–05 of each.
        await c.ExecuteAsync(
            """
            INSERT INTO party_directory (id, name, kind, region)
            SELECT 'pty_' || lpad(to_hex(h), 16, '0'), 'holder ' || h,
                   CASE WHEN h % 100 < 3 THEN 'university' WHEN h % 100 < 5 THEN 'research_institute' ELSE 'company' END,
                   (ARRAY['11','31','32','33','34','35','37','41','42','44','50','51'])[1 + h % 12] || lpad((1 + h % 5)::text, 2, '0') || '00'
            FROM generate_series(0, @holders - 1) h
            """, new { holders }, commandTimeout: 3600);
        await c.ExecuteAsync(
            """
            INSERT INTO patent_catalogue (number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on, value_amount, value_currency, grant_date,
                                          score_legal, score_technical, score_economic, effective_status)
            SELECT number, title, lower(title), type, status, ARRAY[code], prefixes(code), owners, filing, filing + interval '20 years',
                   value, CASE WHEN value IS NOT NULL THEN 'CNY' END,
                   CASE WHEN status <> 'pending' THEN filing + (365 + floor(random() * 730))::int END,
                   CASE WHEN value IS NOT NULL AND scored THEN floor(random() * 101)::int END,
                   CASE WHEN value IS NOT NULL AND scored THEN floor(random() * 101)::int END,
                   CASE WHEN value IS NOT NULL AND scored THEN floor(random() * 101)::int END,
                   CASE WHEN status IN ('pending', 'granted') AND filing + interval '20 years' <= current_date THEN 'expired' ELSE status END
            FROM (
                SELECT 'BN' || lpad(i::text, 10, '0') AS number,
                       'patent ' || sub || ' ' || i AS title,
                       CASE WHEN i % 10 < 6 THEN 'invention' WHEN i % 10 < 9 THEN 'utility_model' ELSE 'design' END AS type,
                       CASE WHEN r < 0.6 THEN 'granted' WHEN r < 0.8 THEN 'pending' ELSE 'lapsed' END AS status,
                       sub || ' ' || (1 + floor(random() * 30))::int || '/' || lpad((floor(random() * 100))::int::text, 2, '0') AS code,
                       CASE WHEN random() < 0.1
                            THEN ARRAY['pty_' || lpad(to_hex(o1), 16, '0'), 'pty_' || lpad(to_hex((o1 + 1 + floor(random() * (@holders - 1))::int) % @holders), 16, '0')]
                            ELSE ARRAY['pty_' || lpad(to_hex(o1), 16, '0')] END AS owners,
                       (date '2004-01-01' + floor(random() * 8400)::int) AS filing,
                       CASE WHEN random() < 0.85 THEN floor(exp(12 + random() * 8))::bigint END AS value,
                       random() < 0.7 AS scored
                FROM (SELECT i, (ARRAY{{SubclassArray}})[1 + i % 20] AS sub, random() AS r, floor(@holders * power(random(), 3))::int AS o1
                      FROM generate_series(1, @patents) i) g
            ) p
            """.Replace("{{SubclassArray}}", "[" + string.Join(",", Subclasses.Select(s => $"'{s}'")) + "]")
               .Replace("prefixes(code)", "ARRAY(SELECT left(replace(code, ' ', ''), n) FROM generate_series(1, length(replace(code, ' ', ''))) n)"),
            new { patents, holders }, commandTimeout: 3600);
        foreach (var index in indexes) await c.ExecuteAsync(index.Definition, commandTimeout: 3600);
        await c.ExecuteAsync("ALTER TABLE patent_catalogue ENABLE TRIGGER patent_catalogue_landscape_insert");
        var sw = Stopwatch.StartNew();
        await c.ExecuteAsync("SELECT landscape_rebuild()", commandTimeout: 3600);
        Console.WriteLine($"landscape: aggregates rebuilt in {sw.Elapsed.TotalSeconds:F0} s");
        foreach (var table in new[] { "landscape_counts", "landscape_classes", "landscape_holders", "landscape_holder_values", "landscape_values", "landscape_scores" })
            await c.ExecuteAsync($"VACUUM ANALYZE {table}", commandTimeout: 3600);
        await c.ExecuteAsync("VACUUM ANALYZE patent_catalogue", commandTimeout: 3600);
        await c.ExecuteAsync("VACUUM ANALYZE party_directory", commandTimeout: 3600);
    }
}
