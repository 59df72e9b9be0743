using System.Text.Json;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Silo.Demo;

/// <summary>
/// <c>dotnet run --project silo -- --demo</c>: seeds a living market through the REST API — parties, patents with
/// valuation histories, three pools with rate cards, licensees with a year of quarterly reports and invoices (most
/// paid, one overdue, some open), one finished distribution and a payout, transfers in several states and pledge
/// deals (one with a margin call) — then prints one API key per role. The market runs on the real clock throughout: the
/// past year comes in as the pools' onboarding imports (docs/API.md, "Onboarding an existing pool"), each record on its
/// own past date through the same rules as live traffic; what happens today (this quarter's reports, the distribution of
/// last quarter, transfers, pledges) is live.
/// </summary>
public sealed class DemoMarket(DemoApi api, string admin, ILogger log)
{
    private readonly Dictionary<string, (string Id, string Token)> _parties = [];
    private readonly Dictionary<string, string> _pools = [];
    private readonly Random _random = new(2026);
    private int _bankRef;

    public static DateOnly QuarterStart(DateOnly day, int quartersFromThis)
    {
        var start = new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
        return start.AddMonths(3 * quartersFromThis);
    }

    private static string Quarter(DateOnly start) => $"{start.Year}-Q{(start.Month - 1) / 3 + 1}";

    private string Id(string key) => _parties[key].Id;
    private string Key(string key) => _parties[key].Token;
    private string Operator(string center) => Key(center);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>Seeds unless the market has parties already; returns the printed keys by role.</summary>
    public async Task<IReadOnlyList<(string Role, string Party, string Token)>?> Seed()
    {
        var existing = await api.Get("/api/v1/parties?limit=1", admin);
        if (existing.GetProperty("items").GetArrayLength() > 0)
        {
            log.LogWarning("--demo: the market already has parties; nothing seeded (keys were printed when it was seeded).");
            return null;
        }
        var today = MarketClock.System.Today;
        var q = Enumerable.Range(-4, 5).Select(i => QuarterStart(today, i)).ToArray(); // q[4] is this quarter
        var t0 = q[0].AddDays(7); // the pools' history starts a week into the quarter four quarters back

        await CreateParties();
        await RegisterPatents(t0);
        await Revalue(q[2], 1.08);
        await Revalue(q[3], 1.12);
        await CreatePools();
        foreach (var pool in DemoCast.Pools) await OnboardHistory(pool, q, t0, today);

        // Last quarter's distribution of the battery pool and its holder's payout, today.
        var distribution = await api.Post($"/api/v1/pools/{_pools["battery"]}/distributions", Operator("centerA"),
            new { periodStart = Iso(q[3]), periodEnd = Iso(q[4]) }, idempotent: true);
        await api.Post("/api/v1/payouts", Operator("centerA"),
            new { licensorId = Id("holder1"), currency = "CNY", distributionId = distribution.GetProperty("id").GetString() }, idempotent: true);

        await OpenPledges(today);
        await ReportCurrentQuarter(Quarter(q[4]));
        await OpenTransfers(today);
        await MarginCall(today);
        // Regions, demands, watches, listings and a navigation project (silo/Demo/DemoNavigation.cs).
        await new DemoNavigation(api, admin, Id, Key, log).Seed(today);

        string[] roles = ["operator", "licensor", "licensee", "financier", "appraiser"];
        return [.. roles.Select(role =>
        {
            var spec = DemoCast.Parties.First(p => p.Roles == role);
            return (role, spec.Name, _parties[spec.Key].Token);
        })];
    }

    private async Task CreateParties()
    {
        foreach (var p in DemoCast.Parties)
        {
            var party = await api.Post("/api/v1/parties", admin, new { name = p.Name, kind = p.Kind, country = "CN" });
            var id = party.GetProperty("id").GetString()!;
            var key = await api.Post($"/api/v1/parties/{id}/api-keys", admin, new { roles = new[] { p.Roles } });
            _parties[p.Key] = (id, key.GetProperty("token").GetString()!);
        }
    }

    private async Task RegisterPatents(DateOnly t0)
    {
        foreach (var p in DemoCast.Patents)
        {
            var number = DemoCast.Number(p.Serial);
            await api.Post("/api/v1/patents", Operator("centerA"), new
            {
                number, title = p.Title, @abstract = p.Abstract, ipc = p.Ipc, filingDate = p.FilingDate,
                grantDate = p.GrantDate, status = "granted", ownerIds = new[] { Id(p.Owner) },
            });
            await Valuation(number, p.ValueYuan * 100 * 92 / 100, t0.AddDays(-90), "cost");
            await Valuation(number, p.ValueYuan * 100, t0.AddDays(-7), "income");
        }
    }

    /// <summary>The holder records a valuation and names its appraiser (docs/TENANCY.md: a patent's holder acts on it).</summary>
    private Task<JsonElement> Valuation(string number, long amount, DateOnly effective, string method) =>
        api.Post($"/api/v1/patents/{number}/valuations", Key(DemoCast.Patents.First(p => DemoCast.Number(p.Serial) == number).Owner), new
        {
            value = new { amount, currency = "CNY" }, method, appraiserId = Id("appraiser"), effectiveDate = Iso(effective),
            reportRef = $"华衡评报字[{effective.Year}]第{_random.Next(100, 999)}号",
        });

    private async Task Revalue(DateOnly effective, double factor)
    {
        foreach (var p in DemoCast.Patents)
            await Valuation(DemoCast.Number(p.Serial), (long)(p.ValueYuan * 100 * factor), effective, "income");
    }

    /// <summary>The pools as the centers set them up on the market today: charter and members; their past comes by import.</summary>
    private async Task CreatePools()
    {
        foreach (var pool in DemoCast.Pools)
        {
            var created = await api.Post("/api/v1/pools", Operator(pool.Center), new
            {
                name = pool.Name, administratorId = Id(pool.Center), currency = "CNY", productCategories = pool.Categories, adminFeeBps = 1_200,
            });
            var id = created.GetProperty("id").GetString()!;
            _pools[pool.Key] = id;
            foreach (var member in pool.Members)
                await api.Post($"/api/v1/pools/{id}/members", Operator(pool.Center), new { partyId = Id(member) });
        }
    }

    private readonly List<(string Licensee, string Pool, string LicenceId)> _licences = [];

    /// <summary>
    /// A pool's year as its center brings it from its old system, one onboarding batch per quarter (the admin imports):
    /// the first with the rate card, the admissions and the licences (all from <paramref name="t0"/>) and the first
    /// quarter's reports (10 days after it ended); each next one with the previous quarter's payments (20 days after it
    /// ended — the amounts of its invoices, read back) and its own quarter's reports. One licensee falls behind on one
    /// quarter: its invoice stays unpaid and is overdue today. No date is after today.
    /// </summary>
    private async Task OnboardHistory(DemoCast.PoolSpec pool, DateOnly[] q, DateOnly t0, DateOnly today)
    {
        DateOnly Past(DateOnly day) => day < today ? day : today;
        var poolId = _pools[pool.Key];
        var records = new List<object>
        {
            new
            {
                kind = "rate_card", date = Iso(t0), rateCard = new
                {
                    version = 1, currency = "CNY", effectiveFrom = Iso(t0),
                    categories = pool.Rates.Select(r => new
                    {
                        code = r.Code,
                        tiers = new object[] { new { upTo = (long?)r.UpTo, ratePerUnit = r.Rate1 }, new { upTo = (long?)null, ratePerUnit = r.Rate2 } },
                    }).ToArray(),
                    complianceDiscountBps = 500,
                },
            },
        };
        records.AddRange(DemoCast.Patents.Where(p => p.Pool == pool.Key).Select(p => (object)new { kind = "admission", date = Iso(t0), number = DemoCast.Number(p.Serial) }));
        records.AddRange(pool.Licensees.Select(l => (object)new { kind = "licence", date = Iso(t0), licence = l, licenseeId = Id(l) }));
        for (var i = 0; i <= 4; i++)
        {
            if (i > 0)
                foreach (var (licensee, licenceId, period, category, amount) in await OpenInvoices(pool.Key, Quarter(q[i - 1])))
                    if (!(i - 1 == 2 && licensee == "licensee3"))
                        records.Add(new
                        {
                            kind = "payment", date = Iso(Past(q[i].AddDays(20))), licenceId, period, category,
                            bankReference = $"CMB{Past(q[i].AddDays(20)):yyyyMMdd}{++_bankRef:D5}", amount,
                        });
            if (i < 4)
                foreach (var licensee in pool.Licensees)
                    foreach (var (code, _, upTo, _) in pool.Rates)
                    {
                        var units = upTo / 4 + _random.Next(0, (int)Math.Min(int.MaxValue, upTo / 3));
                        var report = new { kind = "royalty_report", date = Iso(Past(q[i + 1].AddDays(10))), period = Quarter(q[i]), category = code, region = "CN", units };
                        records.Add(i == 0
                            ? new { report.kind, report.date, licence = licensee, report.period, report.category, report.region, report.units }
                            : new { report.kind, report.date, licenceId = _licences.First(l => l.Licensee == licensee && l.Pool == pool.Key).LicenceId, report.period, report.category, report.region, report.units });
                    }
            var batch = await api.Post($"/api/v1/pools/{poolId}/onboarding-imports", admin, new { records }, idempotent: true);
            if (i == 0)
                foreach (var l in batch.GetProperty("licences").EnumerateArray())
                    _licences.Add((l.GetProperty("ref").GetString()!, pool.Key, l.GetProperty("licenceId").GetString()!));
            records = [];
        }
    }

    /// <summary>The pool's unpaid invoices of <paramref name="period"/> with an amount to pay, as the market issued them.</summary>
    private async Task<List<(string Licensee, string LicenceId, string Period, string Category, JsonElement Amount)>> OpenInvoices(string poolKey, string period)
    {
        var open = new List<(string, string, string, string, JsonElement)>();
        foreach (var (licensee, _, licenceId) in _licences.Where(l => l.Pool == poolKey))
            foreach (var invoice in (await api.Get($"/api/v1/licences/{licenceId}/invoices", admin)).GetProperty("items").EnumerateArray())
                if (invoice.GetProperty("period").GetString() == period && invoice.GetProperty("status").GetString() != "paid")
                    open.Add((licensee, licenceId, period, invoice.GetProperty("report").GetProperty("category").GetString()!, invoice.GetProperty("amount")));
        return open;
    }

    /// <summary>Each licence reports every category of its pool; returns the invoices to pay.</summary>
    private async Task ReportQuarter(string period, Func<string, bool>? who = null)
    {
        foreach (var (licensee, poolKey, licenceId) in _licences.Where(l => who?.Invoke(l.Licensee) ?? true))
            foreach (var (code, _, upTo, _) in DemoCast.Pools.First(p => p.Key == poolKey).Rates)
            {
                var units = upTo / 4 + _random.Next(0, (int)Math.Min(int.MaxValue, upTo / 3));
                await api.Post($"/api/v1/licences/{licenceId}/royalty-reports", Key(licensee),
                    new { period, category = code, region = "CN", units }, idempotent: true);
            }
    }

    /// <summary>This quarter so far: licensees 2 and 3 have reported (open invoices); licensee 1 has not yet.</summary>
    private Task ReportCurrentQuarter(string period) => ReportQuarter(period, l => l != "licensee1");

    private readonly List<string> _deals = [];

    /// <summary>
    /// Loans disbursed today; the third deal names the Guangzhou center (the printed operator key) to file its CNIPA pledge
    /// registration for the parties, and waits on it: the operator's home lists it.
    /// </summary>
    private async Task OpenPledges(DateOnly today)
    {
        var bank = Key("bank");
        (string Holder, string Serial, long PrincipalYuan, int Months, string Schedule, bool Activate, string? Center)[] deals =
        [
            ("holder2", "201910128876", 1_380_000, 24, "bullet", true, null),
            ("holder3", "202010455190", 945_000, 12, "bullet", true, null),
            ("holder4", "202110687213", 1_000_000, 12, "bullet", false, "centerA"),
        ];
        foreach (var d in deals)
        {
            var deal = await api.Post("/api/v1/pledges", Key(d.Holder), new
            {
                pledgorId = Id(d.Holder), financierId = Id("bank"), patents = new[] { DemoCast.Number(d.Serial) },
                principal = new { amount = d.PrincipalYuan * 100, currency = "CNY" },
                product = new { name = "知识产权质押贷", annualRateBps = 385, termMonths = d.Months, schedule = d.Schedule, graceDays = 30, marginBufferBps = 500, curePeriodDays = 15 },
                centerId = d.Center is null ? null : Id(d.Center),
            }, idempotent: true);
            var id = deal.GetProperty("id").GetString()!;
            _deals.Add(id);
            await api.Post($"/api/v1/pledges/{id}/appraise", bank);
            await api.Post($"/api/v1/pledges/{id}/approve", bank);
            // The third deal waits for its CNIPA pledge registration (质押登记), filed by the center.
            if (!d.Activate) continue;
            await api.Post($"/api/v1/pledges/{id}/register", bank, new { registrationNumber = $"Y{today:yyyy}98000{_deals.Count:D4}" });
            await api.Post($"/api/v1/pledges/{id}/disburse", bank, idempotent: true);
        }
    }

    /// <summary>The second deal's collateral is revalued 40 % lower today: LTV passes cap + buffer, a margin call is raised.</summary>
    private async Task MarginCall(DateOnly today)
    {
        await Valuation(DemoCast.Number("202010455190"), 1_260_000_00, today, "market");
        await api.Post($"/api/v1/pledges/{_deals[1]}/revalue", Key("bank"));
    }

    private async Task OpenTransfers(DateOnly today)
    {
        var op = Operator("centerA");
        async Task<string> Open(string serial, string seller, string buyer, long priceYuan) =>
            (await api.Post("/api/v1/transfers", Key(seller), new
            {
                patents = new[] { DemoCast.Number(serial) }, sellerId = Id(seller), buyerId = Id(buyer),
                price = new { amount = priceYuan * 100, currency = "CNY" }, centerId = Id("centerA"),
            }, idempotent: true)).GetProperty("id").GetString()!;
        Task Paid(string id, long priceYuan) => api.Post($"/api/v1/transfers/{id}/payments", op,
            new { bankReference = $"ICBC{today:yyyyMMdd}{++_bankRef:D5}", amount = new { amount = priceYuan * 100, currency = "CNY" } }, idempotent: true);

        await Open("201811502384", "holder1", "licensee3", 1_650_000); // awaiting payment
        var recording = await Open("202010980451", "holder2", "licensee1", 2_400_000);
        await Paid(recording, 2_400_000); // awaiting recordation
        var done = await Open("202211034567", "holder3", "licensee2", 3_100_000);
        await Paid(done, 3_100_000);
        await api.Post($"/api/v1/transfers/{done}/recordation", op, new { noticeNumber = $"ZLBG{today:yyyyMMdd}001", date = Iso(today) });
        var cancelled = await Open("202210567891", "holder4", "licensee1", 900_000);
        await api.Post($"/api/v1/transfers/{cancelled}/cancel", op, new { reason = "买方撤回报价" });
    }
}
