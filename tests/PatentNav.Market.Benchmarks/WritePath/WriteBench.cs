using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;

namespace PatentNav.Market.Benchmarks.WritePath;

/// <summary>
/// The write-path benchmark (issue 11, docs/BENCHMARKS.md): the silo over REST against pgbench on the same
/// PostgreSQL, interleaved for several rounds, one ratio line per figure (min / median / max over rounds),
/// then SQL statements per request from pg_stat_statements.
/// </summary>
public static class WriteBench
{
    private sealed record Options(bool Quick, int Rounds, int Seconds, int Clients, int Licensees, int BigPoolSize, int FreshPools, int Patents, int StatementSamples, int BigPoolRows,
        bool P4Only, int P4Patents, int P4Owners)
    {
        public static Options Parse(string[] args)
        {
            var quick = args.Contains("--quick");
            int Int(string name, int fallback) =>
                Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
            return new Options(quick,
                Int("--rounds", quick ? 3 : 6), Int("--seconds", quick ? 3 : 15), Int("--clients", 16),
                Int("--licensees", quick ? 600 : 3_000), Int("--big-pool", quick ? 300 : 2_000), Int("--fresh-pools", 16),
                Int("--patents", quick ? 100 : 1_000), Int("--samples", quick ? 50 : 100), Int("--big-pool-rows", 100_000),
                args.Contains("--p4-only"), Int("--p4-patents", 10_000), Int("--p4-owners", 1_000));
        }
    }

    private static async Task<bool> HasPoolLicenseeRows(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('pool_licensees') IS NOT NULL");
    }

    public static async Task<int> RunAsync(string[] args, string server)
    {
        var o = Options.Parse(args);
        var siloDll = Environment.GetEnvironmentVariable("MARKET_BENCH_SILO")
            ?? throw new InvalidOperationException("Set MARKET_BENCH_SILO to the Release PatentNav.Market.Silo.dll (tests/bench.sh does).");
        var work = Directory.CreateTempSubdirectory("market-bench-").FullName;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (marketDb, pgbenchDb) = ("market_write_" + suffix, "pgbench_" + suffix);
        var marketCs = await BenchDatabase.CreateAsync(server, marketDb);
        await BenchDatabase.CreateAsync(server, pgbenchDb);
        var pgbench = new Pgbench(new NpgsqlConnectionStringBuilder(server) { Database = pgbenchDb }.ConnectionString, o.Clients, work);
        SiloProcess? silo = null;
        try
        {
            await pgbench.InitAsync(scale: 10);
            var statements = await StatementCounter.TryCreate(marketCs);
            // --p4-only: a longer grain response timeout, so that the set-up's onboarding imports and the one timed
            // distribution answer on a loaded machine rather than end in 503 (the time is what is measured).
            silo = await SiloProcess.StartAsync(siloDll, marketCs, Path.Combine(work, "silo.log"),
                o.P4Only ? new Dictionary<string, string> { ["Market__Orleans__ResponseTimeout"] = "00:03:00" } : null);
            var postmaster = await Postmaster(marketCs);
            Console.WriteLine($"write path: {Environment.ProcessorCount} cores{LoadAverage()}; {o.Rounds} rounds of {o.Seconds} s per phase, {o.Clients} clients on both sides, pgbench scale 10; silo log kept in TestResults/bench-silo.log");

            var market = new MarketClient(silo.BaseUrl, silo.AdminToken);
            if (o.P4Only) // `bench.sh write --p4-only`: the distribution alone, on a fresh silo
            {
                await P4(market, silo, statements, o);
                return 0;
            }
            var today = MarketClock.System.Today;
            var period = ReportingPeriod.Containing(today).ToString();

            // ---- set-up, not timed: licensees, patents, two pools grown big ----
            var setup = System.Diagnostics.Stopwatch.StartNew();
            var licensees = await MarketClient.ForEach(Enumerable.Range(0, o.Licensees), 16, _ => market.NewKey("company", "licensee"));
            var holder = await market.NewKey("company", "licensor");
            var patents = await MarketClient.ForEach(Enumerable.Range(0, o.Patents), 16, _ => market.RegisterPatent(holder.PartyId));
            var big = await MarketClient.ForEach(Enumerable.Range(0, 2), 2, _ => market.NewPool(today));
            var bigMembers = big.ToDictionary(p => p.Id, _ => 0);
            var prefill = new ConcurrentQueue<(BenchPool, Key)>(Enumerable.Range(0, o.BigPoolSize).SelectMany(l => big.Select(p => (p, licensees[l]))));
            await Load.Closed(o.Clients, TimeSpan.FromHours(1), async () =>
            {
                if (!prefill.TryDequeue(out var item)) return null;
                await MarketClient.Expect(await market.Purchase(item.Item1, item.Item2));
                return (true, null);
            });
            foreach (var p in big) bigMembers[p.Id] = o.BigPoolSize;
            // P1 says "0 to 100 000 licensees": buying that many over REST would take most of an hour, so the big pools get
            // --big-pool-rows more rows of their licensee list (pool_licensees, migration 0015) straight in SQL. A purchase
            // reads none of a pool's rows (the pool grain holds no list since issue 11's change); the list's index is the
            // only part of a purchase that sees the pool's size. Code without the table (before that change) skips this.
            var synthetic = o.BigPoolRows > 0 && await HasPoolLicenseeRows(marketCs) ? o.BigPoolRows : 0;
            if (synthetic > 0)
            {
                await using var connection = new NpgsqlConnection(marketCs);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO pool_licensees (licence_id, pool_id, licensee_id, start, locked_rate_card_version, royalty_free)
                    SELECT 'lic_bench_' || g || '_' || p, p, 'pty_bench_' || g, current_date, 1, false
                    FROM unnest(@pools) p, generate_series(1, @n) g
                    """, new { pools = big.Select(p => p.Id).ToArray(), n = synthetic }, commandTimeout: 600);
                await connection.ExecuteAsync("ANALYZE pool_licensees", commandTimeout: 600);
            }
            Console.WriteLine($"set-up: {o.Licensees} licensees, {o.Patents} patents, 2 pools of {o.BigPoolSize} licensees (+ {synthetic} list rows each) in {setup.Elapsed.TotalSeconds:F0} s{LoadAverage()}");

            var duration = TimeSpan.FromSeconds(o.Seconds);
            var ratios = new Dictionary<string, List<double>>();
            void Ratio(string name, double value) => (ratios.TryGetValue(name, out var l) ? l : ratios[name] = []).Add(value);
            var cpu = new Cpu(silo, postmaster);

            for (var round = 1; round <= o.Rounds; round++)
            {
                Console.WriteLine($"round {round}{LoadAverage()}");
                var fresh = await MarketClient.ForEach(Enumerable.Range(0, o.FreshPools), 8, _ => market.NewPool(today));
                var hot = await market.NewPool(today);
                var bought = new ConcurrentBag<BenchLicence>();

                var tpcb = cpu.Measure("pgbench tpcb", () => pgbench.Tps("tpcb", o.Seconds));
                var tpcbTps = await tpcb;

                // pool licence purchases spread over fresh pools: licensee l buys in pool (l + j) % pools
                var pairs = new ConcurrentQueue<(BenchPool, Key)>(Enumerable.Range(0, o.FreshPools)
                    .SelectMany(j => Enumerable.Range(0, licensees.Count).Select(l => (fresh[(l + j) % fresh.Count], licensees[l]))));
                var purchase = await cpu.Measure("purchase", () => Load.Closed(o.Clients, duration, PurchaseFrom(market, pairs, bought)));
                Print("purchase (new pools)", purchase, tpcbTps);
                Ratio("p1_purchase", purchase.Rate / tpcbTps);

                var selectTps = await cpu.Measure("pgbench -S", () => pgbench.Tps("select", o.Seconds));
                var reader = licensees[round % licensees.Count];
                var next = 0;
                var reads = await cpu.Measure("get patent", () => Load.Closed(o.Clients, duration, () =>
                    MarketClient.Outcome(market.GetPatent(patents[Interlocked.Increment(ref next) % patents.Count], reader))));
                Print("GET /patents/{n}", reads, selectTps, "pgbench -S");
                Ratio("read_get_patent", reads.Rate / selectTps);

                var updateTps = await cpu.Measure("pgbench update1", () => pgbench.Tps("update1", o.Seconds));
                var hotPairs = new ConcurrentQueue<(BenchPool, Key)>(licensees.Select(l => (hot, l)));
                var hotPool = await cpu.Measure("hot pool", () => Load.Closed(o.Clients, duration, PurchaseFrom(market, hotPairs, bought)));
                Print("purchase (one hot pool)", hotPool, updateTps, "one-row UPDATE");
                Ratio("p2_hot_pool", hotPool.Rate / updateTps);

                var bigPairs = new ConcurrentQueue<(BenchPool, Key)>(Enumerable.Range(0, licensees.Count)
                    .SelectMany(l => big.Where(p => l >= bigMembers[p.Id]).Select(p => (p, licensees[l]))));
                var bigBought = new ConcurrentBag<BenchLicence>();
                var bigPool = await cpu.Measure("big pools", () => Load.Closed(o.Clients, duration, PurchaseFrom(market, bigPairs, bigBought)));
                foreach (var l in bigBought) { bought.Add(l); bigMembers[l.Pool.Id]++; }
                Print($"purchase (pools at {string.Join("/", bigMembers.Values.Select(v => v + synthetic))} licensees)", bigPool, tpcbTps);
                Ratio("p1_purchase_big_pool", bigPool.Rate / tpcbTps);

                var reportItems = new ConcurrentQueue<(BenchLicence, string)>(MarketClient.Categories.SelectMany(c => bought.Select(l => (l, c))));
                var invoices = new ConcurrentBag<BenchInvoice>();
                var report = await cpu.Measure("report", () => Load.Closed(o.Clients, duration, ReportFrom(market, reportItems, period, invoices)));
                Print("royalty report", report, tpcbTps);
                Ratio("p1_report", report.Rate / tpcbTps);

                var toPay = new ConcurrentQueue<BenchInvoice>(invoices);
                var payment = await cpu.Measure("payment", () => Load.Closed(o.Clients, duration, () =>
                    toPay.TryDequeue(out var invoice) ? MarketClient.Outcome(market.Pay(invoice)) : Task.FromResult<(bool, string?)?>(null)));
                Print("invoice payment", payment, tpcbTps);
                Ratio("p1_payment", payment.Rate / tpcbTps);

                // P3: latency at half of each side's max throughput, measured in this round
                var tpcbHalf = await cpu.Measure("pgbench tpcb at half", () => pgbench.LatenciesAt(tpcbTps / 2, o.Seconds));
                var reportHalf = await cpu.Measure("report at half", () => Load.Open(report.Rate / 2, duration, ReportFrom(market, reportItems, period, invoices)));
                var tpcbP99 = P(tpcbHalf, 0.99);
                Console.WriteLine($"  p99 at half load: report {reportHalf.P(0.99):F2} ms ({reportHalf.Ok} ok, {reportHalf.Failed} failed at {report.Rate / 2:F0}/s), TPC-B {tpcbP99:F2} ms ({tpcbHalf.Length} tx at {tpcbTps / 2:F0}/s)");
                Ratio("p3_p99_report", reportHalf.P(0.99) / tpcbP99);
            }

            Console.WriteLine($"silo_rss_mb {silo.ResidentMb():F0}");
            Console.WriteLine(cpu.Summary());
            foreach (var name in new[] { "p1_report", "p1_payment", "p1_purchase", "p1_purchase_big_pool", "p2_hot_pool", "p3_p99_report", "read_get_patent" })
            {
                var values = ratios[name].Order().ToArray();
                Console.WriteLine(FormattableString.Invariant($"ratio {name} {values[0]:F4} {Median(values):F4} {values[^1]:F4}"));
            }

            await P4(market, silo, statements, o);

            if (statements is not null)
                await CountStatements(market, statements, licensees, patents, big, today, period, o.StatementSamples);
            else
                Console.WriteLine("statements: pg_stat_statements is not loaded (shared_preload_libraries); tests/bench.sh loads it");
            return 0;
        }
        finally
        {
            if (silo is not null) await silo.DisposeAsync();
            await BenchDatabase.DropAsync(server, marketDb, pgbenchDb);
            // The silo's log outlives the run (what it logged under load is part of the figures).
            var kept = Path.Combine(Environment.GetEnvironmentVariable("MARKET_BENCH_RESULTS") ?? "TestResults", "bench-silo.log");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(kept))!);
            if (File.Exists(Path.Combine(work, "silo.log"))) File.Copy(Path.Combine(work, "silo.log"), kept, overwrite: true);
            Directory.Delete(work, true);
        }
    }

    /// <summary>P4: <c>p4_distribution_s &lt;seconds&gt; &lt;peak MB&gt;</c>, the peak being the silo's resident growth over the call.</summary>
    private static async Task P4(MarketClient market, SiloProcess silo, StatementCounter? statements, Options o)
    {
        try
        {
            var r = await DistributionBench.RunAsync(market, silo, statements, o.P4Patents, o.P4Owners);
            Console.WriteLine(r is { Lines: > 0 }
                ? FormattableString.Invariant($"p4_distribution_s {r.Seconds:F3} {r.PeakMb:F0}")
                : $"p4_distribution_s n/a n/a (the distribution failed: {r?.Status})");
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"p4_distribution_s n/a n/a (set-up failed: {e.Message[..Math.Min(400, e.Message.Length)]})");
        }
    }

    private static Operation PurchaseFrom(MarketClient market, ConcurrentQueue<(BenchPool, Key)> pairs, ConcurrentBag<BenchLicence> bought) => () =>
        pairs.TryDequeue(out var item)
            ? MarketClient.Outcome(market.Purchase(item.Item1, item.Item2), body => bought.Add(new BenchLicence(body.GetProperty("id").GetString()!, item.Item2, item.Item1)))
            : Task.FromResult<(bool, string?)?>(null);

    private static Operation ReportFrom(MarketClient market, ConcurrentQueue<(BenchLicence, string)> items, string period, ConcurrentBag<BenchInvoice> invoices) => () =>
        items.TryDequeue(out var item)
            ? MarketClient.Outcome(market.Report(item.Item1, period, item.Item2), body => invoices.Add(new BenchInvoice(
                body.GetProperty("id").GetString()!, body.GetProperty("amount").GetProperty("amount").GetInt64(), item.Item1.Pool)))
            : Task.FromResult<(bool, string?)?>(null);

    /// <summary>SQL statements per request of each write (and the read), one client, <paramref name="samples"/> requests each.</summary>
    private static async Task CountStatements(MarketClient market, StatementCounter counter, List<Key> licensees, List<string> patents,
        List<BenchPool> big, DateOnly today, string period, int samples)
    {
        var pool = await market.NewPool(today);
        var licences = new List<BenchLicence>();
        var invoices = new List<BenchInvoice>();
        var cases = new (string Name, Func<int, Task> Run)[]
        {
            ("purchase", async i =>
            {
                var body = await MarketClient.Expect(await market.Purchase(pool, licensees[i]));
                licences.Add(new BenchLicence(body.GetProperty("id").GetString()!, licensees[i], pool));
            }),
            ("purchase_big_pool", async i => await MarketClient.Expect(await market.Purchase(big[0], licensees[^(i + 1)]))),
            ("report", async i =>
            {
                var body = await MarketClient.Expect(await market.Report(licences[i], period, MarketClient.Categories[0]));
                invoices.Add(new BenchInvoice(body.GetProperty("id").GetString()!, body.GetProperty("amount").GetProperty("amount").GetInt64(), pool));
            }),
            ("payment", async i => await MarketClient.Expect(await market.Pay(invoices[i]))),
            ("get_patent", async i => await MarketClient.Expect(await market.GetPatent(patents[i % patents.Count], licensees[0]))),
        };
        foreach (var (name, run) in cases)
        {
            try
            {
                await run(0); // warm: the first request activates grains
                await counter.Reset();
                for (var i = 1; i <= samples; i++) await run(i);
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine($"statements {name}: failed: {e.Message}");
                continue;
            }
            var (total, checkouts, top) = await counter.Read();
            Console.WriteLine(FormattableString.Invariant($"statements {name} {total / (double)samples:F1} per request, {checkouts / (double)samples:F1} connection resets (DISCARD ALL)"));
            foreach (var (query, calls) in top)
                Console.WriteLine(FormattableString.Invariant($"    {calls / (double)samples,6:F2}  {query}"));
        }
    }

    private static async Task<int> Postmaster(string connectionString)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        var backend = await c.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
        return ProcCpu.ParentOf(backend);
    }

    private static void Print(string what, LoadResult r, double reference, string referenceName = "TPC-B") =>
        Console.WriteLine(FormattableString.Invariant(
            $"  {what}: {r.Rate:F0}/s ({r.Ok} ok, {r.Failed} failed, p50 {r.P(0.5):F1} ms, p99 {r.P(0.99):F1} ms) vs {referenceName} {reference:F0}/s = {r.Rate / reference:F4}")
        + (r.FirstFailure is { } why ? $"\n    first failure: {why[..Math.Min(300, why.Length)]}" : ""));

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? ", load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    /// <summary>CPU seconds of the silo, PostgreSQL and this load generator per phase kind, summed over rounds.</summary>
    private sealed class Cpu(SiloProcess silo, int postmaster)
    {
        private readonly Dictionary<string, (double Silo, double Pg, double Load, double Wall)> _phases = [];

        public async Task<T> Measure<T>(string phase, Func<Task<T>> run)
        {
            var (s, p, l) = (silo.CpuSeconds(), ProcCpu.Server(postmaster), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            var result = await run();
            var add = (silo.CpuSeconds() - s, ProcCpu.Server(postmaster) - p, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - l, wall.Elapsed.TotalSeconds);
            _phases[phase] = _phases.TryGetValue(phase, out var old) ? (old.Silo + add.Item1, old.Pg + add.Item2, old.Item3 + add.Item3, old.Wall + add.Item4) : add;
            return result;
        }

        public string Summary() => "cpu seconds per phase (silo / PostgreSQL / load generator / wall):\n" + string.Join("\n", _phases.Select(p =>
            FormattableString.Invariant($"    {p.Key,-22} {p.Value.Silo,7:F1} {p.Value.Pg,7:F1} {p.Value.Load,7:F1} {p.Value.Wall,7:F1}")));
    }
}

/// <summary>pg_stat_statements of the market's database: reset, then total calls, DISCARD ALLs and the busiest statements.</summary>
public sealed class StatementCounter(string connectionString)
{
    public static async Task<StatementCounter?> TryCreate(string connectionString)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        if (await c.ExecuteScalarAsync<string>("SHOW shared_preload_libraries") is not { } libraries || !libraries.Contains("pg_stat_statements"))
            return null;
        await c.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return new StatementCounter(connectionString);
    }

    public async Task Reset()
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await c.ExecuteAsync("SELECT pg_stat_statements_reset()");
    }

    public async Task<(long Total, long Checkouts, List<(string Query, long Calls)> Top)> Read()
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        var rows = (await c.QueryAsync<(string Query, long Calls)>(
            """
            SELECT regexp_replace(left(query, 110), '\s+', ' ', 'g'), calls FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY calls DESC
            """)).ToList();
        return (rows.Sum(r => r.Calls), rows.Where(r => r.Query.StartsWith("DISCARD ALL", StringComparison.Ordinal)).Sum(r => r.Calls), rows.Take(14).ToList());
    }
}
