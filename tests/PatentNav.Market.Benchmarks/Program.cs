// Catalogue search benchmark: p50/p95/p99/max latency of PostgresPatentCatalogue.Search per
// query shape on a seeded catalogue of 100 000 patents. See docs/BENCHMARKS.md.
// `write` as the first argument runs the write-path benchmark instead (WritePath/WriteBench.cs).
//
//   MARKET_BENCH_PG="Host=...;Username=postgres;Database=postgres" dotnet run -c Release --project tests/PatentNav.Market.Benchmarks -- [options]
//   bash tests/bench.sh [options]          (starts a throwaway PostgreSQL)
//
// Options: --patents N (100000)  --iterations N per shape (200)  --warmup N per shape (20)
//          --verify N random queries checked against the in-memory catalogue (300)
//          --limit N page size (20)  --seed N (42)  --target-ms N (50)  --keep (keep the database)
//          --check (exit 1 when a shape's p95 is at or over the target)
//          --reuse NAME (use a database kept by --keep: apply new migrations, skip seeding)
//          --detail (per parameter set median and max for shapes whose p95 is at or over the target)
//          --landscape [--quick] [--patents N --holders N]: the navigation landscape instead (LandscapeBenchmark.cs)

using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PatentNav.Market.Benchmarks;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Silo.Catalogue;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Silo.Storage;

var patents = IntOption("--patents", 100_000);
var iterations = IntOption("--iterations", 200);
var warmup = IntOption("--warmup", 20);
var limit = IntOption("--limit", 20);
var seed = IntOption("--seed", 42);
var verify = IntOption("--verify", 300);
var targetMs = IntOption("--target-ms", 50);
var keep = args.Contains("--keep") || args.Contains("--reuse");
var check = args.Contains("--check");
var detail = args.Contains("--detail");
var reuse = StringOption("--reuse");

var server = Environment.GetEnvironmentVariable("MARKET_BENCH_PG") is { Length: > 0 } bench ? bench
    : Environment.GetEnvironmentVariable("MARKET_TEST_PG") is { Length: > 0 } test ? test
    : null;
if (server is null)
{
    Console.Error.WriteLine("Set MARKET_BENCH_PG (or MARKET_TEST_PG) to an Npgsql connection string for a PostgreSQL superuser, or run `bash tests/bench.sh`.");
    return 2;
}
if (args.FirstOrDefault() == "write") return await PatentNav.Market.Benchmarks.WritePath.WriteBench.RunAsync(args[1..], server);
if (args.Contains("--matching")) // one demand against open listings (docs/MATCHING.md)
    return await MatchingBenchmark.RunAsync(server, args, IntOption("--listings", 100_000), iterations, warmup, seed, IntOption("--target-ms", 100), check);
if (args.Contains("--landscape")) return await LandscapeBenchmark.RunAsync(args, server); // navigation landscape (docs/BENCHMARKS.md)

var clock = PatentNav.Market.Grains.Common.MarketClock.System;
var today = clock.Today;
var total = Stopwatch.StartNew();

// ---- a fresh database, as TestDatabase.CreateAsync makes one ----
var database = reuse ?? "market_bench_" + Guid.NewGuid().ToString("N")[..12];
var connectionString = reuse is null
    ? await BenchDatabase.CreateAsync(server, database)
    : new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
var exitCode = 0;
try
{
    await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build(); // as MarketSilo registers it
    var migrations = await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
    string version;
    await using (var c = await dataSource.OpenConnectionAsync()) version = await c.ExecuteScalarAsync<string>("SHOW server_version") ?? "?";
    Console.WriteLine($"PostgreSQL {version}, database {database}, migrations {string.Join(", ", migrations)}");
    Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {today:yyyy-MM-dd}{LoadAverage()}");

    // ---- seed ----
    var sw = Stopwatch.StartNew();
    var seeder = new Seeder(seed, today);
    var states = seeder.Generate(patents);
    var generated = sw.Elapsed;
    sw.Restart();
    var copied = reuse is null ? await Seeder.CopyAsync(dataSource, states, today) : 0;
    var copyTime = sw.Elapsed;
    sw.Restart();
    await using (var c = await dataSource.OpenConnectionAsync())
    {
        await c.ExecuteAsync("VACUUM ANALYZE patent_catalogue", commandTimeout: 600);
        var sizes = await c.QueryAsync<(string Name, long Bytes)>(
            """
            SELECT 'table (with toast)', pg_table_size('patent_catalogue')
            UNION ALL SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index WHERE indrelid = 'patent_catalogue'::regclass
            """);
        Console.WriteLine($"{(reuse is null ? "seeded" : "reused, not seeded:")} {copied:N0} patents: generate {generated.TotalSeconds:F1} s, COPY and index {copyTime.TotalSeconds:F1} s, VACUUM ANALYZE {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine("sizes: " + string.Join(", ", sizes.Select(s => $"{s.Name} {s.Bytes / 1048576.0:F1} MB")));
    }

    // The in-memory catalogue over the same states: the reference for cursors and result checks.
    var reference = new InMemoryPatentCatalogue(clock);
    foreach (var state in states) reference.Project(state.Number, state);

    var catalogue = new PostgresPatentCatalogue(dataSource, clock);
    var shapes = Shapes.Build(seeder.OwnerIds, reference, limit);

    // ---- results must equal the reference catalogue's ----
    var mismatches = 0;
    foreach (var shape in shapes)
        foreach (var query in shape.Queries)
        {
            var expected = Describe(await reference.Search(query));
            var actual = Describe(await catalogue.Search(query));
            if (expected == actual) continue;
            if (mismatches++ < 5) Console.WriteLine($"MISMATCH in {shape.Name} for {query}:\n  expected {expected}\n  actual   {actual}");
        }
    var numbers = states.Select(s => s.Number).ToList();
    foreach (var query in Shapes.Random(new Random(seed), seeder.OwnerIds, numbers, verify))
    {
        var expected = Describe(await reference.Search(query));
        var actual = Describe(await catalogue.Search(query));
        if (expected == actual) continue;
        if (mismatches++ < 5) Console.WriteLine($"MISMATCH for random {query}:\n  expected {expected}\n  actual   {actual}");
    }
    Console.WriteLine(mismatches == 0
        ? $"results: all {shapes.Sum(s => s.Queries.Count)} parameter sets and {verify} random queries match the in-memory catalogue"
        : $"results: {mismatches} queries differ from the in-memory catalogue");
    if (mismatches > 0) exitCode = 1;

    // ---- measure ----
    Console.WriteLine($"\n{iterations} timed searches per shape after {warmup} warm-up, page size {limit}, one client, parameters drawn in turn from each shape's set\n");
    var results = new List<(string Shape, int Variants, double[] Ms, double Rows)>();
    var perQuery = new Dictionary<CatalogueQuery, List<double>>();
    var all = new List<double>();
    var order = new Random(seed);
    foreach (var shape in shapes)
    {
        var queries = shape.Queries.ToArray();
        for (var i = 0; i < warmup; i++) await catalogue.Search(queries[i % queries.Length]);
        var ms = new double[iterations];
        long rows = 0;
        for (var i = 0; i < iterations; i++)
        {
            if (i % queries.Length == 0) order.Shuffle(queries);
            var query = queries[i % queries.Length];
            var start = Stopwatch.GetTimestamp();
            var page = await catalogue.Search(query);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            rows += page.Items.Count;
            if (detail) (perQuery.TryGetValue(query, out var list) ? list : perQuery[query] = []).Add(ms[i]);
        }
        Array.Sort(ms);
        all.AddRange(ms);
        results.Add((shape.Name, queries.Length, ms, (double)rows / iterations));
    }

    Console.WriteLine("| shape | params | p50 ms | p95 ms | p99 ms | max ms | mean rows |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (name, variants, ms, rows) in results)
        Console.WriteLine($"| {name} | {variants} | {F(P(ms, 0.50))} | {F(P(ms, 0.95))} | {F(P(ms, 0.99))} | {F(ms[^1])} | {rows:F1} |");
    var overall = all.Order().ToArray();
    Console.WriteLine($"| **all shapes** | {results.Sum(r => r.Variants)} | {F(P(overall, 0.50))} | **{F(P(overall, 0.95))}** | {F(P(overall, 0.99))} | {F(overall[^1])} | |");

    var over = results.Where(r => P(r.Ms, 0.95) >= targetMs).Select(r => r.Shape).ToList();
    Console.WriteLine(over.Count == 0
        ? $"\ntarget p95 < {targetMs} ms: met by every shape (worst p95 {F(results.Max(r => P(r.Ms, 0.95)))} ms; overall p95 {F(P(overall, 0.95))} ms)"
        : $"\ntarget p95 < {targetMs} ms: NOT met by {string.Join(", ", over)}");
    if (check && over.Count > 0) exitCode = 1;
    Console.WriteLine(FormattableString.Invariant($"p5_patents {patents}"));
    Console.WriteLine(FormattableString.Invariant($"p5_worst_shape_p95_ms {results.Max(r => P(r.Ms, 0.95)):F1}"));
    if (detail)
        foreach (var shape in shapes.Where(s => over.Contains(s.Name)))
        {
            Console.WriteLine($"\n{shape.Name}: median / max ms per parameter set");
            foreach (var query in shape.Queries)
            {
                var ms = perQuery[query].Order().ToArray();
                Console.WriteLine($"  {F(P(ms, 0.5)),8} {F(ms[^1]),8}  {Show(query)}");
            }
        }
    Console.WriteLine($"total {total.Elapsed.TotalSeconds:F0} s{LoadAverage()}");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (keep)
        Console.WriteLine($"kept database {database}: {connectionString}");
    else
        await BenchDatabase.DropAsync(server, database);
}
return exitCode;

static double P(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)]; // nearest rank

static string F(double ms) => ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

// Other work on the machine shows in the percentiles: say how busy it was.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? ", load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

static string Show(CatalogueQuery q) => string.Join(" ", new[]
{
    q.Keywords.Count > 0 ? "q=" + string.Join("+", q.Keywords) : null, q.IpcPrefix is null ? null : "ipc=" + q.IpcPrefix,
    q.Type is null ? null : "type=" + q.Type, q.Status is null ? null : "status=" + q.Status, q.OwnerId is null ? null : "owner=" + q.OwnerId,
    q.MinValue is null ? null : "min=" + q.MinValue, q.MaxValue is null ? null : "max=" + q.MaxValue, q.After is null ? null : "after=" + q.After,
}.Where(x => x is not null));

static string Describe(CataloguePage page) =>
    string.Join(",", page.Items.Select(e => $"{e.Number}/{e.Status}/{e.CurrentValue}")) + " next=" + page.Next;

string? StringOption(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int IntOption(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
