using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Benchmarks.WritePath;

/// <summary>
/// P4 (issue 11): one §6 distribution of a yearly period over REST, <c>--p4-patents</c> (10 000) patents of
/// <c>--p4-owners</c> (1 000) holders × 365 days, timed from the request to its answer, with the silo's peak resident
/// memory over the call and the SQL statements it ran. The set-up goes through the REST API as a center would bring
/// its pool (not timed): holders, patents granted in 2020 and valued before the period (every fourth revalued on
/// 1 July, every tenth co-owned, so the weights have several segments and fractions), the holders as members, and
/// the past year as onboarding imports (card, admissions on 1 January, one licence, four quarters reported and paid).
/// </summary>
public static class DistributionBench
{
    private const int BatchSize = 500;

    public sealed record Result(double Seconds, double PeakMb, double BeforeMb, double PeakAbsoluteMb, int Lines, int Status);

    public static async Task<Result?> RunAsync(MarketClient market, SiloProcess silo, StatementCounter? statements, int patentCount, int ownerCount)
    {
        var setup = Stopwatch.StartNew();
        var periodStart = new DateOnly(DateTime.UtcNow.Year - 1, 1, 1);
        var periodEnd = periodStart.AddYears(1);
        var admitted = periodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var owners = await MarketClient.ForEach(Enumerable.Range(0, ownerCount), 16, async i => (i, await market.NewParty("company")));
        var ownerIds = owners.OrderBy(o => o.i).Select(o => o.Item2).ToArray();
        var patents = await MarketClient.ForEach(Enumerable.Range(0, patentCount), 16, async i =>
        {
            string[] holders = i % 10 == 9 ? [ownerIds[i % ownerCount], ownerIds[(i + 1) % ownerCount]] : [ownerIds[i % ownerCount]];
            var number = await market.RegisterPatent(holders);
            await MarketClient.Expect(await market.Send(HttpMethod.Post, $"/api/v1/patents/{number}/valuations", market.Admin, new
            {
                value = new { amount = 1_000_000L + 7_919L * i, currency = "CNY" },
                method = "income",
                effectiveDate = periodStart.AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }));
            if (i % 4 == 0)
                await MarketClient.Expect(await market.Send(HttpMethod.Post, $"/api/v1/patents/{number}/valuations", market.Admin, new
                {
                    value = new { amount = 2_500_000L + 104_729L * (i % 97), currency = "CNY" },
                    method = "market",
                    effectiveDate = periodStart.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }));
            return number;
        });
        Console.WriteLine($"p4 set-up: {ownerCount} holders, {patentCount} patents with valuations in {setup.Elapsed.TotalSeconds:F0} s{WriteBench.LoadAverage()}");

        var op = await market.NewKey("operating_center", "operator");
        var pool = await MarketClient.Expect(await market.Send(HttpMethod.Post, "/api/v1/pools", op, new
        {
            name = "分配基准专利池 " + Guid.NewGuid().ToString("N")[..6],
            administratorId = op.PartyId,
            currency = "CNY",
            productCategories = new[] { "c00" },
            adminFeeBps = 1_500,
            distributionPeriod = "yearly",
        }));
        var poolId = pool.GetProperty("id").GetString()!;
        await MarketClient.ForEach(ownerIds, 8, async id =>
            await MarketClient.Expect(await market.Send(HttpMethod.Post, $"/api/v1/pools/{poolId}/members", op, new { partyId = id })));
        var licensee = await market.NewParty("company");

        // The past year as onboarding imports, ≤ 2000 records a batch: the card, then the admissions, then the licence's year.
        static Dictionary<string, object?> Rec(string kind, string date, params (string Key, object? Value)[] fields)
        {
            var record = new Dictionary<string, object?> { ["kind"] = kind, ["date"] = date };
            foreach (var (key, value) in fields) record[key] = value;
            return record;
        }
        var card = new
        {
            version = 1, currency = "CNY", effectiveFrom = admitted,
            categories = new object[] { new { code = "c00", tiers = new object[] { new { upTo = (long?)null, ratePerUnit = "100" } } } },
            complianceDiscountBps = 0,
        };
        var records = new List<Dictionary<string, object?>> { Rec("rate_card", admitted, ("rateCard", card)) };
        records.AddRange(patents.Order(StringComparer.Ordinal).Select(n => Rec("admission", admitted, ("number", n))));
        records.Add(Rec("licence", admitted, ("licence", "L1"), ("licenseeId", licensee)));
        var year = periodStart.Year;
        for (var q = 1; q <= 4; q++)
        {
            var filed = periodStart.AddMonths(3 * q).AddDays(9);
            var units = 1_000_000L * q + 12_345;
            records.Add(Rec("royalty_report", filed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ("licence", "L1"), ("period", $"{year}-Q{q}"),
                ("category", "c00"), ("region", "CN"), ("units", units)));
            records.Add(Rec("payment", filed.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ("licence", "L1"), ("period", $"{year}-Q{q}"),
                ("category", "c00"), ("bankReference", $"P4-{Guid.NewGuid():N}"[..24]), ("amount", new { amount = units * 100, currency = "CNY" })));
        }
        // A licence and its reports must be in one batch (they name it by `licence`); admissions fill the batches before it.
        var tail = records.Count - (1 + patentCount);
        // 500 a batch, not the allowed 2 000: a batch is dry-run record by record inside one grain call, which on a loaded
        // machine outlasted the response timeout. A 503 is retried with the same key (it may have run: the key replays it).
        var batches = records.Take(1 + patentCount).Chunk(BatchSize).Select(b => b.ToList()).ToList();
        if (batches[^1].Count + tail > BatchSize) batches.Add([]);
        batches[^1].AddRange(records.Skip(1 + patentCount));
        foreach (var batch in batches)
        {
            var key = Guid.NewGuid().ToString();
            for (var attempt = 1; ; attempt++)
            {
                var answer = await market.Send(HttpMethod.Post, $"/api/v1/pools/{poolId}/onboarding-imports", market.Admin, new { records = batch }, key);
                if ((int)answer.StatusCode != 503 || attempt == 5) { await MarketClient.Expect(answer); break; }
                answer.Dispose();
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }
        Console.WriteLine($"p4 set-up: pool of {ownerCount} members and {patentCount} patents from {admitted}, {year} reported and paid ({batches.Count} onboarding imports), {setup.Elapsed.TotalSeconds:F0} s in all{WriteBench.LoadAverage()}");

        // ---- the timed call ----
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the set-up's last writes settle
        var before = silo.ResidentMb();
        silo.ResetPeakResident();
        if (statements is not null) await statements.Reset();
        var clock = Stopwatch.StartNew();
        using var response = await market.Send(HttpMethod.Post, $"/api/v1/pools/{poolId}/distributions", op,
            new { periodStart = periodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), periodEnd = periodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            Guid.NewGuid().ToString());
        var body = await response.Content.ReadAsStringAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = silo.PeakResidentMb();
        if (!response.IsSuccessStatusCode)
        {
            Console.WriteLine($"p4 distribution failed: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
            return new Result(seconds, peak - before, before, peak, 0, (int)response.StatusCode);
        }
        using var json = JsonDocument.Parse(body);
        var lines = json.RootElement.GetProperty("lines").GetArrayLength();
        Console.WriteLine(FormattableString.Invariant(
            $"p4 distribution: {(int)response.StatusCode} in {seconds:F3} s, {lines} lines, {json.RootElement.GetProperty("licensors").GetArrayLength()} licensors, response {body.Length / 1048576.0:F1} MB; silo resident {before:F0} MB before, peak {peak:F0} MB (+{peak - before:F0} MB){WriteBench.LoadAverage()}"));
        if (statements is not null)
        {
            var (total, checkouts, top) = await statements.Read();
            Console.WriteLine($"p4 statements: {total} in all, {checkouts} connection resets (DISCARD ALL)");
            foreach (var (query, calls) in top.Take(8)) Console.WriteLine($"    {calls,6}  {query}");
        }
        return new Result(seconds, peak - before, before, peak, lines, (int)response.StatusCode);
    }
}
