using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PatentNav.Market.Tests.Chaos;

/// <summary>Chaos runs restart the shared test PostgreSQL and load the machine: they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(ChaosCollection), DisableParallelization = true)]
public sealed class ChaosCollection;

/// <summary>
/// Issue 10 §4: two silos as real processes on the test PostgreSQL, a mixed load of money-moving
/// requests (pool licence purchases, royalty reports, invoice payments, pledge repayments), each
/// with its own idempotency key and retried with it; mid-load one silo is killed with SIGKILL, or
/// PostgreSQL is restarted. Afterwards every acknowledged effect exists exactly once, the ledger
/// balances per currency, grain state and ledger agree, and no key is left without an outcome.
/// </summary>
[Collection(nameof(ChaosCollection))]
public sealed class ChaosTests(ChaosTests.ChaosWorld world, ITestOutputHelper output) : IClassFixture<ChaosTests.ChaosWorld>
{
    private const int Licensees = 10;
    private const int RepaymentsPerLoan = 12;

    [Fact]
    public async Task Kill_minus_9_of_a_silo_mid_load_loses_nothing_duplicates_nothing_and_strands_no_key()
    {
        output.WriteLine(await world.EnsureTwoSilosAsync());
        var counts = await world.RunAsync(chaos: () =>
        {
            world.A.Kill();
            return Task.CompletedTask;
        });
        output.WriteLine($"kill -9 run: {counts}");
        counts.AssertClean();
    }

    [Fact]
    public async Task A_PostgreSQL_restart_mid_load_loses_nothing_duplicates_nothing_and_strands_no_key()
    {
        if (PgControl.FromEnvironment() is not { } pg)
        {
            output.WriteLine("SKIPPED: MARKET_TEST_PG_CTL / MARKET_TEST_PG_DATA are not set (MARKET_TEST_PG given externally); tests/run.sh exports them for its own server.");
            return;
        }
        output.WriteLine(await world.EnsureTwoSilosAsync());
        var counts = await world.RunAsync(chaos: pg.RestartFastAsync);
        output.WriteLine($"PostgreSQL restart run: {counts}");
        counts.AssertClean();
    }

    /// <summary>
    /// Two silos as processes on a fresh database, shared by both runs: starting them is most of a run's time on a loaded
    /// machine (~30 s for the pair), so a run starts only the silo the previous one killed. Each run makes its own pool,
    /// licensees and loans, and checks the books for them; the checks over the whole database (the ledger balances,
    /// no key without an outcome) hold across runs.
    /// </summary>
    public sealed class ChaosWorld : IAsyncLifetime
    {
        /// <summary>Short lease (well above the 5 s response timeout of these silos) so a stranded key recovers within the run.</summary>
        private static readonly Dictionary<string, string> Settings = new()
        {
            ["Market__Idempotency__Lease"] = "00:00:15",
            ["Market__Orleans__ResponseTimeout"] = "00:00:05",
        };

        private string _connectionString = "";
        private readonly string _cluster = "chaos-" + Guid.NewGuid().ToString("N")[..8];
        private readonly List<SiloProcess> _silos = [];
        private int _started;

        public SiloProcess A => _silos[0];
        public SiloProcess B => _silos[1];

        public async Task InitializeAsync() => _connectionString = await TestDatabase.CreateAsync();

        /// <summary>Starts the silos that are not running (both, the first time); says what it did and how long it took.</summary>
        public async Task<string> EnsureTwoSilosAsync()
        {
            var started = Stopwatch.StartNew();
            var fresh = new List<SiloProcess>();
            for (var i = 0; i < 2; i++)
            {
                if (i < _silos.Count && _silos[i].Alive) continue;
                if (i < _silos.Count) await _silos[i].DisposeAsync();
                var silo = SiloProcess.Start(_connectionString, _cluster, $"chaos-{(char)('a' + i)}{++_started}", MarketApp.AdminToken, Settings);
                if (i < _silos.Count) _silos[i] = silo; else _silos.Add(silo);
                fresh.Add(silo);
            }
            if (fresh.Count == 0) return "two silos running already (started by an earlier run)";
            await Task.WhenAll(fresh.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(120))));
            await WaitForActiveSilos(2);
            return $"{fresh.Count} silo(s) started, two active after {started.Elapsed.TotalSeconds:F1} s";
        }

        private async Task WaitForActiveSilos(int count)
        {
            var load = new ChaosLoad(_silos);
            using var admin = load.Client(B, MarketApp.AdminToken);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                try
                {
                    var cluster = await (await admin.GetAsync("/api/v1/cluster")).JsonBody();
                    var active = cluster.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() is "active" or "Active");
                    if (active >= count) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    // not yet
                }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{count} active silos not seen in time.");
                await Task.Delay(500);
            }
        }

        /// <summary>Sets up, runs the load, triggers <paramref name="chaos"/> at 40 % of it, waits it out, and checks the books.</summary>
        public async Task<ChaosCounts> RunAsync(Func<Task> chaos)
        {
            var load = new ChaosLoad(_silos);
            using var admin = load.Client(B, MarketApp.AdminToken);
            var today = PoolSteps.Today;

            // Setup (no chaos yet): a pool with a card in force, licensees, two disbursed loans.
            var op = await admin.NewKey("operating_center", "operator");
            using var opClient = load.Client(B, op.Token);
            var poolId = (await (await opClient.PostJson("/api/v1/pools", PoolSteps.PoolBody(op.PartyId))).ShouldBe(201)).Id();
            await (await opClient.PostJson($"/api/v1/pools/{poolId}/rate-cards", PoolSteps.AvcCard(effectiveFrom: today))).ShouldBe(201);
            var setup = Stopwatch.StartNew();
            var licenseeKeys = Task.WhenAll(Enumerable.Range(0, Licensees).Select(_ => admin.NewKey("company", "licensee")));
            var loanDeals = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => DisbursedLoan(load, admin, today)));
            var licensees = (await licenseeKeys).ToList();
            var loans = (await loanDeals).ToList();
            var setupTime = setup.Elapsed;

            var total = Licensees * 3 + loans.Count * RepaymentsPerLoan;
            var chaosAt = total * 2 / 5;
            var chaosTask = Task.CompletedTask;
            var chaosStarted = false;
            var gate = new object();
            void Tick()
            {
                lock (gate)
                    if (!chaosStarted && load.Outcomes.Count(o => o.Acknowledged) >= chaosAt)
                    {
                        chaosStarted = true;
                        chaosTask = Task.Run(chaos);
                    }
            }

            var period = LicenceSteps.Quarter(today).ToString();
            var run = Guid.NewGuid().ToString("N")[..8];
            var chains = licensees.Select((licensee, i) => (Func<Task>)(async () =>
            {
                var licence = await load.Send("purchase", licensee.Token, $"/api/v1/pools/{poolId}/licences", new { }, $"buy-{run}-{i}");
                Tick();
                if (!licence.Acknowledged) return;
                var invoice = await load.Send("report", licensee.Token, $"/api/v1/licences/{licence.Body.Id()}/royalty-reports",
                    new { period, category = "decoder", region = "US", units = 1_000_000 + i * 1000 }, $"rep-{run}-{i}");
                Tick();
                if (!invoice.Acknowledged) return;
                await load.Send("payment", op.Token, $"/api/v1/invoices/{invoice.Body.Id()}/payments",
                    new { bankReference = $"CHAOS-{run}-{i}", amount = new { amount = invoice.Body.Amount(), currency = "USD" } }, $"pay-{run}-{i}");
                Tick();
            })).ToList();
            var repayments = loans.SelectMany((loan, l) => Enumerable.Range(0, RepaymentsPerLoan).Select(j => (Func<Task>)(async () =>
            {
                await load.Send($"repayment:{loan.Id}", loan.Bank.Token, $"/api/v1/pledges/{loan.Id}/repayments",
                    new { amount = new { amount = 100_00 + j, currency = "CNY" } }, $"loan-{run}-{l}-{j}");
                Tick();
            }))).ToList();

            var clock = Stopwatch.StartNew();
            // Each licensee's chain followed by its share of the repayments: every request of both lists, mixed.
            var perChain = repayments.Chunk((repayments.Count + chains.Count - 1) / chains.Count).ToList();
            var work = new Queue<Func<Task>>(chains.SelectMany((chain, i) => new[] { chain }.Concat(i < perChain.Count ? perChain[i] : [])));
            if (work.Count != chains.Count + repayments.Count) throw new InvalidOperationException($"{work.Count} of {chains.Count + repayments.Count} tasks queued");
            await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            {
                while (true)
                {
                    Func<Task>? next;
                    lock (work) next = work.Count > 0 ? work.Dequeue() : null;
                    if (next is null) return;
                    await next();
                }
            }));
            await chaosTask;
            var loadTime = clock.Elapsed;

            return await Audit(load, poolId, period, loans, loadTime) with { SetupTime = setupTime };
        }

        private async Task<(string Id, IssuedKey Bank)> DisbursedLoan(ChaosLoad load, HttpClient admin, DateOnly today)
        {
            var pledgor = await admin.NewKey("company", "licensor");
            var bank = await admin.NewKey("bank", "financier");
            var number = await admin.NewPatent(pledgor.PartyId);
            await admin.AddValuation(number, 3_000_000_00, today.AddDays(-30).Iso());
            using var pledgorClient = load.Client(B, pledgor.Token);
            var body = new
            {
                pledgorId = pledgor.PartyId, financierId = bank.PartyId, patents = new[] { number },
                principal = new { amount = 1_000_000_00, currency = "CNY" },
                product = new { name = "知识产权质押贷", annualRateBps = 435, termMonths = 12, schedule = "bullet", graceDays = 30, marginBufferBps = 500, curePeriodDays = 10 },
            };
            var id = (await (await pledgorClient.PostWithKey("/api/v1/pledges", body, Guid.NewGuid().ToString())).ShouldBe(201)).Id();
            using var bankClient = load.Client(B, bank.Token);
            await (await bankClient.PostJson($"/api/v1/pledges/{id}/appraise", new { })).ShouldBe(200);
            await (await bankClient.PostJson($"/api/v1/pledges/{id}/approve", new { })).ShouldBe(200);
            await (await bankClient.PostJson($"/api/v1/pledges/{id}/register", new { registrationNumber = "Y2030980000123" })).ShouldBe(200);
            await (await bankClient.PostWithKey($"/api/v1/pledges/{id}/disburse", new { }, Guid.NewGuid().ToString())).ShouldBe(200);
            return (id, bank);
        }

        /// <summary>Reads the books straight from PostgreSQL and the grains' state through the surviving silo.</summary>
        private async Task<ChaosCounts> Audit(ChaosLoad load, string poolId, string period, List<(string Id, IssuedKey Bank)> loans, TimeSpan loadTime)
        {
            var outcomes = load.Outcomes.ToList();
            var survivor = _silos.First(s => s.Alive);
            await using var db = new NpgsqlConnection(_connectionString);
            var problems = new List<string>();
            int lost = 0, duplicated = 0;
            void Count(string what, int expected, int found)
            {
                if (found < expected) { lost += expected - found; problems.Add($"{what}: {found} of {expected}"); }
                if (found > expected) { duplicated += found - expected; problems.Add($"{what}: {found}, expected {expected}"); }
            }

            // Licence purchases: one licence per licensee that was told it has one (and none twice).
            foreach (var purchase in outcomes.Where(o => o.Kind == "purchase" && o.Acknowledged))
            {
                var licensee = purchase.Body.GetProperty("licenseeId").GetString();
                var licences = await db.ExecuteScalarAsync<int>(
                    "SELECT count(*) FROM grain_state WHERE grain_type = 'licence' AND payload->>'licenseeId' = @licensee", new { licensee });
                Count($"licences of {licensee}", 1, licences);
            }
            // Royalty reports: one invoice per acknowledged report; payments: the pay:{invoice} posting, once.
            using (var op = load.Client(survivor, MarketApp.AdminToken))
                foreach (var report in outcomes.Where(o => o.Kind == "report" && o.Acknowledged))
                {
                    var licenceId = report.Body.GetProperty("licenceId").GetString()!;
                    var invoices = await GetOk(op, $"/api/v1/licences/{licenceId}/invoices");
                    Count($"invoices of {licenceId}", 1, invoices.GetProperty("items").GetArrayLength());
                }
            var paid = outcomes.Where(o => o.Kind == "payment" && o.Acknowledged).ToList();
            foreach (var payment in paid)
                Count($"posting pay:{payment.Body.Id()}", 1,
                    await db.ExecuteScalarAsync<int>("SELECT count(*) FROM ledger_postings WHERE id = @id", new { id = $"pay:{payment.Body.Id()}" }));
            var collections = await db.ExecuteScalarAsync<long>(
                "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account = @account",
                new { account = LedgerAccounts.PoolCollections(poolId, period) });
            if (collections != paid.Sum(p => p.Body.Amount())) problems.Add($"pool collections {collections} ≠ Σ acknowledged payments {paid.Sum(p => p.Body.Amount())}");

            // Repayments: each acknowledged amount (unique per loan) booked once; state = ledger per loan.
            using (var admin = load.Client(survivor, MarketApp.AdminToken))
                foreach (var (id, bank) in loans)
                {
                    var booked = (await db.QueryAsync<long>(
                        "SELECT -amount FROM ledger_entries WHERE posting_id LIKE @prefix AND account = @clearing",
                        new { prefix = $"pledge:{id}:pay:%", clearing = LedgerAccounts.Clearing(PledgeAccounts.Provider) })).ToList();
                    var acknowledged = outcomes.Where(o => o.Kind == $"repayment:{id}" && o.Acknowledged)
                        .Select(o => o.Key).ToList();
                    foreach (var amount in booked.Distinct()) Count($"repayments of {amount} on {id}", 1, booked.Count(b => b == amount));
                    Count($"repayments on {id}", acknowledged.Count, booked.Distinct().Count());
                    using var bankClient = load.Client(survivor, bank.Token);
                    var deal = await GetOk(bankClient, $"/api/v1/pledges/{id}");
                    var principal = await db.ExecuteScalarAsync<long>(
                        "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account = @account", new { account = LedgerAccounts.LoanPrincipal(id) });
                    if (deal.Fen("outstandingPrincipal") != -principal) problems.Add($"loan {id}: state {deal.Fen("outstandingPrincipal")} ≠ ledger {-principal}");
                }

            var unbalanced = (await db.QueryAsync<(string Currency, long Total)>(
                "SELECT currency, sum(amount)::bigint FROM ledger_entries GROUP BY currency HAVING sum(amount) <> 0")).ToList();
            problems.AddRange(unbalanced.Select(u => $"ledger off by {u.Total} {u.Currency}"));
            var stranded = await db.ExecuteScalarAsync<int>("SELECT count(*) FROM idempotency_keys WHERE status IS NULL");
            var takenOver = await db.ExecuteScalarAsync<int>("SELECT count(*) FROM idempotency_keys WHERE attempt > 1");
            var refused = outcomes.Where(o => !o.Acknowledged).Select(o => $"{o.Kind} {o.Key}: {o.Status} {o.Body}").ToList();
            return new ChaosCounts(outcomes.Count, outcomes.Count(o => o.Acknowledged), lost, duplicated, stranded, load.Sent,
                outcomes.Count(o => o.Attempts > 1), loadTime, refused, problems) { TakenOver = takenOver };
        }

        /// <summary>A read through the survivor, retried while the cluster still moves the dead silo's grains.</summary>
        private static async Task<JsonElement> GetOk(HttpClient client, string url)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(url);
                    if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline) return await response.ShouldBe(200);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
                {
                    // the silo is busy recovering
                }
                await Task.Delay(500);
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var silo in _silos) await silo.DisposeAsync();
        }
    }
}

/// <summary>The figures of one chaos run.</summary>
public sealed record ChaosCounts(int Requests, int Acknowledged, int Lost, int Duplicated, int Stranded, int HttpAttempts, int Retried,
    TimeSpan LoadTime, IReadOnlyList<string> Unacknowledged, IReadOnlyList<string> Problems)
{
    public TimeSpan SetupTime { get; init; }

    /// <summary>Keys whose first attempt failed without an answer and a retry took over (after the lease, or at once after a 5xx).</summary>
    public int TakenOver { get; init; }

    public override string ToString() =>
        $"requests {Requests}, acknowledged {Acknowledged}, lost {Lost}, duplicated {Duplicated}, stranded {Stranded} " +
        $"(HTTP attempts {HttpAttempts}, requests retried {Retried}, keys taken over {TakenOver}; setup {SetupTime.TotalSeconds:F1} s, load {LoadTime.TotalSeconds:F1} s)" +
        (Unacknowledged.Count > 0 ? "\nunacknowledged: " + string.Join("; ", Unacknowledged.Take(10)) : "") +
        (Problems.Count > 0 ? "\nproblems: " + string.Join("; ", Problems.Take(20)) : "");

    public void AssertClean()
    {
        Assert.True(Unacknowledged.Count == 0 && Problems.Count == 0 && Lost == 0 && Duplicated == 0 && Stranded == 0, ToString());
        Assert.Equal(Requests, Acknowledged);
        Assert.True(Requests > 0);
    }
}

/// <summary>The test server's pg_ctl, as tests/pg.sh exports it.</summary>
public sealed record PgControl(string PgCtl, string DataDir, string? LogFile, string? OsUser)
{
    public static PgControl? FromEnvironment() =>
        Environment.GetEnvironmentVariable("MARKET_TEST_PG_CTL") is { Length: > 0 } pgCtl && Environment.GetEnvironmentVariable("MARKET_TEST_PG_DATA") is { Length: > 0 } data
            ? new PgControl(pgCtl, data, Environment.GetEnvironmentVariable("MARKET_TEST_PG_LOG"), Environment.GetEnvironmentVariable("MARKET_TEST_PG_OS_USER") is { Length: > 0 } user ? user : null)
            : null;

    /// <summary><c>pg_ctl restart -m fast</c>: sessions are cut, the server is back after a few seconds.</summary>
    public async Task RestartFastAsync()
    {
        var start = new ProcessStartInfo(OsUser is null ? PgCtl : "runuser")
        {
            WorkingDirectory = Path.GetDirectoryName(DataDir)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (OsUser is not null) foreach (var a in new[] { "-u", OsUser, "--", PgCtl }) start.ArgumentList.Add(a);
        foreach (var a in new[] { "restart", "-D", DataDir, "-m", "fast", "-w", "-t", "60" }) start.ArgumentList.Add(a);
        if (LogFile is not null) { start.ArgumentList.Add("-l"); start.ArgumentList.Add(LogFile); }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        // This process's pooled connections died with the server's sessions.
        NpgsqlConnection.ClearAllPools();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_ctl restart failed ({process.ExitCode}): {await stdout} {await stderr}");
    }
}
