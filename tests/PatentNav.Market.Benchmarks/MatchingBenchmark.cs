using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using PatentNav.Market.ClientApi.Apis;
using PatentNav.Market.ClientApi.ReadModels;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Matching;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Benchmarks;

/// <summary>
/// <c>--matching</c>: one demand against N open listings (default 100 000; docs/MATCHING.md, "Benchmark"). Seeds one
/// listing per generated patent (the projection's own rows: <see cref="ListingProfile.Of"/> with jieba words, and
/// <see cref="PatentEvents.Facts"/>), then times <see cref="MatchesApi.Page"/> — the endpoint's code path: every candidate scored from the index's features,
/// ranked, the first page loaded and scored in full (<see cref="MatchScoring"/>) — for demands drawn from the seeded patents' own IPC
/// groups and title words, so every demand has candidates.
/// </summary>
public static class MatchingBenchmark
{
    private static readonly DealType[] Deals = Enum.GetValues<DealType>();

    public static async Task<int> RunAsync(string server, string[] args, int listings, int iterations, int warmup, int seed, int targetMs, bool check)
    {
        var today = MarketClock.System.Today;
        var database = "market_match_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await BenchDatabase.CreateAsync(server, database);
        try
        {
            await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            var sw = Stopwatch.StartNew();
            // About two thirds of generated patents are in force: generate enough for the listings asked for.
            var states = new Seeder(seed, today).Generate(listings * 8 / 5).Where(s => s.Status.IsInForce() && today < s.ExpiresOn).Take(listings).ToList();
            var random = new Random(seed);
            var profiles = states.AsParallel().AsOrdered().Select((s, i) => ListingProfile.Of($"lst_{i:D16}", new CreateListing(
                    $"holder{i % 5000}", null, [s.Number], Deals[i % Deals.Length], i % 3 == 0 ? null : new MoneyRange(100_000 * (i % 50), 100_000 * (i % 50 + 20), "CNY"),
                    i % 3 == 0 ? new RoyaltyRange(100, 500) : null, ["CN"], [], today.AddYears(1), null, null, null, true),
                [new ListedPatent(s.Number, s.Title, s.Abstract, s.Ipc)])).ToList();
            Console.WriteLine($"generated {profiles.Count:N0} open listings (one per patent in force) with jieba words in {sw.Elapsed.TotalSeconds:F1} s");
            sw.Restart();
            await CopyAsync(dataSource, states, profiles, today);
            await using (var c = await dataSource.OpenConnectionAsync())
            {
                await c.ExecuteAsync("VACUUM ANALYZE market_listings", commandTimeout: 600);
                await c.ExecuteAsync("VACUUM ANALYZE market_patent_facts", commandTimeout: 600);
            }
            Console.WriteLine($"COPY and VACUUM ANALYZE {sw.Elapsed.TotalSeconds:F1} s");

            var demands = Enumerable.Range(0, 50).Select(i =>
            {
                var p = profiles[random.Next(profiles.Count)];
                var ipc = p.IpcCodes.FirstOrDefault() is { } code ? [code[..Math.Min(code.Length, code.Contains('/') ? code.IndexOf('/') : code.Length)]] : Array.Empty<string>();
                var words = p.TitleTokens.Where(t => t.Length >= 2).Take(2).ToList();
                return DemandProfile.Of($"dmd_{i}", new CreateDemand("buyer", null, ipc, words, new MoneyRange(0, 3_000_000, "CNY"), null,
                    i % 2 == 0 ? [] : [DealType.Sale, DealType.ExclusiveLicence], today.AddYears(1), true));
            }).ToArray();

            var queries = new PostgresMatching(dataSource);
            for (var i = 0; i < warmup; i++) await MatchesApi.Page(demands[i % demands.Length], queries, today, 0, 20);
            var ms = new double[iterations];
            long candidates = 0, matched = 0;
            for (var i = 0; i < iterations; i++)
            {
                var demand = demands[i % demands.Length];
                var start = Stopwatch.GetTimestamp();
                var (page, total) = await MatchesApi.Page(demand, queries, today, 0, 20);
                ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                matched += total;
                if (i < demands.Length) candidates += (await queries.ListingCandidates(demand, today)).Count;
            }
            Array.Sort(ms);
            Console.WriteLine($"\n| listings | demands | p50 ms | p95 ms | p99 ms | max ms | mean candidates | mean matches |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine($"| {profiles.Count:N0} | {demands.Length} | {F(P(ms, 0.5))} | **{F(P(ms, 0.95))}** | {F(P(ms, 0.99))} | {F(ms[^1])} | {candidates / (double)Math.Min(iterations, demands.Length):F0} | {matched / (double)iterations:F0} |");
            var met = P(ms, 0.95) <= targetMs;
            Console.WriteLine(met ? $"target p95 ≤ {targetMs} ms: met" : $"target p95 ≤ {targetMs} ms: NOT met");
            return check && !met ? 1 : 0;
        }
        finally
        {
            await BenchDatabase.DropAsync(server, database);
        }
    }

    private static async Task CopyAsync(NpgsqlDataSource dataSource, List<PatentState> states, List<ListingProfile> profiles, DateOnly today)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY market_listings (id, status, holder_id, center_id, deal_type, valid_until, created_at, patents, ipc_prefixes, tokens, title_tokens, abstract_tokens, description_tokens, price_min, price_currency, region, profile) FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var p in profiles)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(p.Id);
                await writer.WriteAsync("open");
                await writer.WriteAsync(p.HolderId);
                await writer.WriteNullAsync();
                await writer.WriteAsync(ListingRules.Wire(p.DealType));
                await writer.WriteAsync(p.ValidUntil, NpgsqlDbType.Date);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(p.Patents.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(p.IpcPrefixes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(p.AllTokens.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(p.TitleTokens.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(p.AbstractTokens.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(p.DescriptionTokens.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                if (p.Price is { } price) { await writer.WriteAsync(price.Min, NpgsqlDbType.Bigint); await writer.WriteAsync(price.Currency); }
                else { await writer.WriteNullAsync(); await writer.WriteNullAsync(); }
                await writer.WriteNullAsync();
                await writer.WriteAsync(JsonSerializer.Serialize(p, PostgresMatching.Json), NpgsqlDbType.Jsonb);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY market_patent_facts (number, status, expires_on, pledgee_id, blocked_until, owner_ids, ipc_prefixes, tokens, facts) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in states)
            {
                var row = MatchingProjection.FactsRow(s, [], []);
                await writer.StartRowAsync();
                await writer.WriteAsync(row.Number);
                await writer.WriteAsync(row.Status);
                await writer.WriteAsync(row.ExpiresOn, NpgsqlDbType.Date);
                if (row.Pledgee is null) await writer.WriteNullAsync(); else await writer.WriteAsync(row.Pledgee);
                if (row.BlockedUntil is { } until) await writer.WriteAsync(until, NpgsqlDbType.Date); else await writer.WriteNullAsync();
                await writer.WriteAsync(row.Owners, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(row.Prefixes, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(row.Tokens, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(row.Facts, NpgsqlDbType.Jsonb);
            }
            await writer.CompleteAsync();
        }
    }

    private static double P(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string F(double ms) => ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
}
