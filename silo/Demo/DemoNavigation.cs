namespace PatentNav.Market.Silo.Demo;

/// <summary>
/// The demo's technology market and navigation (§10, docs/MATCHING.md, docs/NAVIGATION.md): the parties' seats (GB/T 2260
/// regions, for regional navigation), the licensees' technology demands and watch lists, the holders' listings (one a
/// draft) — recorded in that order, so the listings that open after a demand fit it reach that party's feed as they would
/// live — and a navigation project of the Guangzhou center with a filed report. Through the REST API with each party's key.
/// </summary>
public sealed class DemoNavigation(DemoApi api, string admin, Func<string, string> id, Func<string, string> key, ILogger log)
{
    /// <summary>Where each party is seated: its real city's division code (the district where one is known).</summary>
    public static readonly Dictionary<string, string> Regions = new()
    {
        ["centerA"] = "440106", ["centerB"] = "320506", ["holder1"] = "440106", ["holder2"] = "440305", ["holder3"] = "330108",
        ["holder4"] = "440305", ["licensee1"] = "441900", ["licensee2"] = "440604", ["licensee3"] = "350206", ["bank"] = "440104",
        ["appraiser"] = "440104",
    };

    private string _listedUntil = "";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
    private static object Yuan(long min, long max) => new { min = min * 100, max = max * 100, currency = "CNY" };

    public async Task Seed(DateOnly today)
    {
        foreach (var (party, region) in Regions)
            await api.Send(HttpMethod.Patch, $"/api/v1/parties/{id(party)}", admin, new { region });
        var until = Iso(today.AddYears(1));
        _listedUntil = Iso(today.AddMonths(10));

        // Demands first: the listings below then notify them (listing_fits_demand), as a live market would.
        await api.Post("/api/v1/demands", key("licensee1"), new
        {
            title = "动力电池正极材料与极片检测技术引进", ipcPrefixes = new[] { "H01M4", "H01M10", "G06T7" },
            keywords = new[] { "正极材料", "固态电解质", "缺陷检测" }, budget = Yuan(1_000_000, 4_000_000), region = "440000",
            dealTypes = new[] { "sale", "exclusive_licence", "non_exclusive_licence" }, validUntil = until, open = true,
        }, idempotent: true);
        await api.Post("/api/v1/demands", key("licensee2"), new
        {
            title = "变频空调与冰箱节能技术许可", ipcPrefixes = new[] { "F24F", "F25D" }, keywords = new[] { "压缩机", "真空绝热板" },
            budget = Yuan(200_000, 1_000_000), region = "440600", dealTypes = new[] { "non_exclusive_licence" }, validUntil = until, open = true,
        }, idempotent: true);
        await api.Post("/api/v1/demands", key("licensee3"), new
        {
            title = "车载电池管理 SOC 估算算法", ipcPrefixes = new[] { "G01R31" }, keywords = new[] { "SOC", "卡尔曼滤波" },
            budget = Yuan(500_000, 2_000_000), region = "350000", validUntil = until,
        }, idempotent: true); // a draft: its party has not published it yet
        await api.Post($"/api/v1/parties/{id("licensee1")}/watches", key("licensee1"), new { kind = "ipc", value = "H01M" });
        await api.Post($"/api/v1/parties/{id("licensee1")}/watches", key("licensee1"), new { kind = "keyword", value = "钠离子" });
        await api.Post($"/api/v1/parties/{id("licensee1")}/watches", key("licensee1"), new { kind = "holder", value = id("holder4") });

        // The Guangzhou center lists for two of its pools' members; the holders list for themselves.
        await Listing("centerA", "holder4", "202210567891", "sale", "电池极片缺陷检测算法专利转让", "卷积神经网络识别极片划痕与漏涂，已在两条涂布线验证。",
            price: Yuan(1_200_000, 1_800_000), region: "440305", open: true);
        await Listing("centerA", "holder4", "202110687213", "sale", "钠离子电池层状氧化物正极材料专利转让", "首效 92%，可与现有正极产线兼容。",
            price: Yuan(2_800_000, 3_500_000), region: "440305", open: true);
        await Listing(null, "holder2", "201910128876", "exclusive_licence", "硫化物固态电解质薄膜独占许可", "流延成型工艺，适合中试线放大。",
            royalty: new { minBps = 300, maxBps = 500 }, region: "440305", open: true);
        await Listing(null, "holder1", "202010331926", "non_exclusive_licence", "硅碳复合负极材料普通许可", "多孔碳骨架负载纳米硅，膨胀率低。",
            price: Yuan(500_000, 800_000), region: "440106", open: true);
        await Listing(null, "holder4", "201810932045", "non_exclusive_licence", "变频空调压缩机负荷预测控制许可", "节能 18%，适配主流变频压缩机。",
            price: Yuan(300_000, 600_000), region: "440305", open: true);
        await Listing(null, "holder3", "202010774419", "non_exclusive_licence", "5G 小基站混合波束赋形许可", "边缘速率提升，待补充实施例后发布。",
            price: Yuan(800_000, 1_500_000), region: "330108", open: false); // a draft

        await Project(today);
    }

    private Task Listing(string? center, string holder, string serial, string dealType, string title, string description,
        object? price = null, object? royalty = null, string? region = null, bool open = true) =>
        api.Post("/api/v1/listings", center is null ? key(holder) : key(center), new
        {
            holderId = id(holder), centerId = center is null ? null : id(center), patents = new[] { DemoCast.Number(serial) }, dealType,
            price, royalty, territories = new[] { "CN" }, validUntil = _listedUntil,
            title, description, region, open,
        }, idempotent: true);

    /// <summary>
    /// The Guangzhou center's industrial navigation of lithium batteries (GB/T 39551-3) with version 1 published and filed, and a
    /// regional one just opened. Snapshots need PostgreSQL (409 <c>navigation_needs_database</c> in the embedded default): there
    /// the project stays without them.
    /// </summary>
    private async Task Project(DateOnly today)
    {
        var op = key("centerA");
        var project = await api.Post("/api/v1/navigation/projects", op, new
        {
            centerId = id("centerA"), name = "粤港澳大湾区锂电池产业专利导航", type = "industrial_planning",
            scope = new { ipc = new[] { "H01M" }, focus = "440000" },
        }, idempotent: true);
        await api.Post("/api/v1/navigation/projects", op, new
        {
            centerId = id("centerA"), name = "广州市新一代信息技术区域规划导航", type = "regional_planning",
            scope = new { ipc = new[] { "H04W", "H04B", "H04L" }, focus = id("holder3") },
        }, idempotent: true);
        var projectId = project.GetProperty("id").GetString()!;
        System.Text.Json.JsonElement snapshot;
        try
        {
            snapshot = await api.Post($"/api/v1/navigation/projects/{projectId}/snapshots", op, idempotent: true);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("navigation_needs_database"))
        {
            log.LogInformation("--demo: navigation snapshots need PostgreSQL; the demo's projects have none");
            return;
        }
        var report = await api.Post($"/api/v1/navigation/projects/{projectId}/reports", op, new
        {
            snapshotId = snapshot.GetProperty("id").GetString(), title = "粤港澳大湾区锂电池产业专利导航报告（2026）",
            conclusions = new[]
            {
                "H01M 正极材料与电池管理是本区域申请最集中的方向，华南理工大学与深圳市锂核新能源有限公司合计占比过半。",
                "持有人集中度高（HHI ≥ 2500），建议运营中心以专利池方式降低许可交易成本。",
                "固态电解质与钠离子电池正极为新兴方向，建议重点跟踪并引导本地企业布局。",
            },
        }, idempotent: true);
        await api.Post($"/api/v1/navigation/reports/{report.GetProperty("id").GetString()}/filing", op,
            new { filingNumber = $"粤知导备〔{today.Year}〕0017号", filedOn = Iso(today) });
    }
}
