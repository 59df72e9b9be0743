using System.Net.Http.Headers;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Navigation projects and reports (GB/T 39551) through REST on PostgreSQL: an operating center opens a project, takes
/// dated snapshots, publishes versioned reports that never change, files them (备案) and lists them for its members.
/// </summary>
public sealed class NavigationProjectsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private sealed record Center(IssuedKey Operator, HttpClient Client, string Keyword, string Holder);

    private async Task<Center> NewCenter()
    {
        var admin = market.Admin();
        var op = await admin.NewKey("operating_center", "operator");
        var holder = await admin.NewParty();
        var keyword = "nav" + Guid.NewGuid().ToString("N")[..10];
        await AddPatent(keyword, holder);
        await AddPatent(keyword, holder);
        return new Center(op, market.Client(op), keyword, holder);
    }

    private async Task AddPatent(string keyword, string holder) =>
        await market.Admin().RegisterPatent(ApiSteps.PatentBody(ApiSteps.NewNumber(), holder, title: $"固态电池 {keyword}"));

    private static object ProjectBody(Center c, string type = "industrial_planning", object? scope = null) =>
        new { centerId = c.Operator.PartyId, name = "固态电池产业导航", type, scope = scope ?? new { keywords = new[] { c.Keyword } } };

    private static async Task<JsonElement> Created(Task<HttpResponseMessage> response) => await (await response).ShouldBe(201);

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object? body) => client.PostWithKey(url, body, Guid.NewGuid().ToString());

    [Fact]
    public async Task Snapshots_are_dated_and_kept_and_reports_are_immutable_versions()
    {
        var c = await NewCenter();
        var key = Guid.NewGuid().ToString();
        var project = await (await c.Client.PostWithKey("/api/v1/navigation/projects", ProjectBody(c), key)).ShouldBe(201);
        var id = project.Id();
        Assert.StartsWith("nvp_", id);
        Assert.Equal("industrial_planning", project.GetProperty("type").GetString());
        // A retry with the key is the same project, not a second one.
        Assert.Equal(id, (await (await c.Client.PostWithKey("/api/v1/navigation/projects", ProjectBody(c), key)).ShouldBe(201)).Id());

        var first = await Created(Post(c.Client, $"/api/v1/navigation/projects/{id}/snapshots", null));
        Assert.Equal(2, first.GetProperty("landscape").GetProperty("patents").GetInt64());
        Assert.Equal("2030-01-02", first.GetProperty("landscape").GetProperty("asOf").GetString());
        await AddPatent(c.Keyword, c.Holder);
        var second = await Created(Post(c.Client, $"/api/v1/navigation/projects/{id}/snapshots", null));
        Assert.Equal(3, second.GetProperty("landscape").GetProperty("patents").GetInt64());

        var v1 = await Created(Post(c.Client, $"/api/v1/navigation/projects/{id}/reports",
            new { snapshotId = first.Id(), title = "固态电池导航报告", conclusions = new[] { "持有人集中度高。", "建议布局 H01M 10/056。" } }));
        var v2 = await Created(Post(c.Client, $"/api/v1/navigation/projects/{id}/reports",
            new { snapshotId = second.Id(), title = "固态电池导航报告（修订）", conclusions = new[] { "新增一件申请。" } }));
        Assert.Equal(1, v1.GetProperty("content").GetProperty("version").GetInt32());
        Assert.Equal(2, v2.GetProperty("content").GetProperty("version").GetInt32());
        Assert.Equal(v1.Id(), v2.GetProperty("content").GetProperty("previousVersionId").GetString());

        // Version 1 is as it was published: its snapshot's two patents, its conclusions.
        var read = await (await c.Client.GetAsync($"/api/v1/navigation/reports/{v1.Id()}")).ShouldBe(200);
        Assert.Equal(2, read.GetProperty("content").GetProperty("landscape").GetProperty("patents").GetInt64());
        Assert.Equal(["持有人集中度高。", "建议布局 H01M 10/056。"], read.GetProperty("content").GetProperty("conclusions").EnumerateArray().Select(x => x.GetString()));

        var listed = await (await c.Client.GetAsync($"/api/v1/navigation/projects/{id}")).ShouldBe(200);
        Assert.Equal([1, 2], listed.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("version").GetInt32()));
        Assert.Equal(2, listed.GetProperty("snapshots").GetArrayLength());
    }

    [Fact]
    public async Task A_report_is_html_with_charts_json_otherwise_and_csv_data()
    {
        var c = await NewCenter();
        var report = await Publish(c);

        var html = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/navigation/reports/{report}");
        html.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var page = await c.Client.SendAsync(html);
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var text = await page.Content.ReadAsStringAsync();
        Assert.Contains("<svg", text);
        Assert.Contains("固态电池导航报告", text);
        Assert.Contains("结论一", text);

        var json = await (await c.Client.GetAsync($"/api/v1/navigation/reports/{report}")).ShouldBe(200);
        Assert.Equal(report, json.Id());

        var csv = await c.Client.GetAsync($"/api/v1/navigation/reports/{report}/data.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("section,series,key,value", lines[0]);
        Assert.Contains("scope,patents,,2", lines);
        Assert.Contains("holders,concentration,hhi,10000", lines);   // one holder: 100²
    }

    [Fact]
    public async Task A_report_is_filed_once_and_listed_for_the_centers_members()
    {
        var c = await NewCenter();
        var report = await Publish(c);
        var filing = new { filingNumber = "ZJ-DH-2030-001", filedOn = "2030-01-02" };
        var filed = await (await c.Client.PostJson($"/api/v1/navigation/reports/{report}/filing", filing)).ShouldBe(200);
        Assert.Equal("ZJ-DH-2030-001", filed.GetProperty("filing").GetProperty("filingNumber").GetString());
        await (await c.Client.PostJson($"/api/v1/navigation/reports/{report}/filing", filing)).ShouldBe(200);   // the same again
        await (await c.Client.PostJson($"/api/v1/navigation/reports/{report}/filing", new { filingNumber = "OTHER", filedOn = "2030-01-02" }))
            .ShouldBeProblem(409, "report_already_filed", "filingNumber");
        await (await c.Client.PostJson($"/api/v1/navigation/reports/{report}/filing", new { filingNumber = "X", filedOn = "2030-01-03" }))
            .ShouldBeProblem(400, "date_in_future", "filedOn");

        // A member of one of the center's pools lists its reports; a stranger may not.
        var admin = market.Admin();
        var pool = (await (await c.Client.PostJson("/api/v1/pools", PoolSteps.PoolBody(c.Operator.PartyId))).ShouldBe(201)).Id();
        var member = await admin.NewKey("company", "licensor");
        await (await c.Client.PostJson($"/api/v1/pools/{pool}/members", new { partyId = member.PartyId })).ShouldBe(200);
        var list = await (await market.Client(member).GetAsync($"/api/v1/operating-centers/{c.Operator.PartyId}/navigation-reports")).ShouldBe(200);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(report, item.Id());
        Assert.Equal("ZJ-DH-2030-001", item.GetProperty("filing").GetProperty("filingNumber").GetString());
        await (await market.Client(member).GetAsync($"/api/v1/navigation/reports/{report}")).ShouldBe(200);

        var stranger = market.Client(await admin.NewKey("company", "licensor"));
        Assert.Equal(403, (int)(await stranger.GetAsync($"/api/v1/operating-centers/{c.Operator.PartyId}/navigation-reports")).StatusCode);
        await (await stranger.GetAsync($"/api/v1/navigation/reports/{report}")).ShouldBeProblem(404, "report_not_found");
    }

    [Fact]
    public async Task A_center_lists_its_own_projects_with_their_counts_and_nobody_elses()
    {
        var c = await NewCenter();
        var first = (await Created(Post(c.Client, "/api/v1/navigation/projects", ProjectBody(c)))).Id();
        var second = (await Created(Post(c.Client, "/api/v1/navigation/projects",
            new { centerId = c.Operator.PartyId, name = "区域人才导航", type = "talent", scope = new { ipc = new[] { "H01M" } } }))).Id();
        var snapshot = (await Created(Post(c.Client, $"/api/v1/navigation/projects/{first}/snapshots", null))).Id();
        await Created(Post(c.Client, $"/api/v1/navigation/projects/{first}/reports", new { snapshotId = snapshot, title = "报告", conclusions = new[] { "一" } }));
        await Created(Post(c.Client, $"/api/v1/navigation/projects/{first}/reports", new { snapshotId = snapshot, title = "报告（修订）", conclusions = new[] { "二" } }));

        var list = await (await c.Client.GetAsync($"/api/v1/operating-centers/{c.Operator.PartyId}/navigation-projects")).ShouldBe(200);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([first, second], items.Select(i => i.Id()));   // oldest first
        Assert.Equal((1, 2, 2), (items[0].GetProperty("snapshots").GetInt32(), items[0].GetProperty("reports").GetInt32(), items[0].GetProperty("latestVersion").GetInt32()));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("latestVersion").ValueKind);
        Assert.Equal(["H01M"], items[1].GetProperty("scope").GetProperty("ipc").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("talent", items[1].GetProperty("type").GetString());

        var page = await (await c.Client.GetAsync($"/api/v1/operating-centers/{c.Operator.PartyId}/navigation-projects?limit=1")).ShouldBe(200);
        Assert.Equal([first], page.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        var next = page.GetProperty("nextCursor").GetString();
        var rest = await (await c.Client.GetAsync($"/api/v1/operating-centers/{c.Operator.PartyId}/navigation-projects?limit=1&cursor={next}")).ShouldBe(200);
        Assert.Equal([second], rest.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);

        // Another center's operator (and a holder) may not list them; a bad limit is a 400 naming it.
        var other = market.Client(await market.Admin().NewKey("operating_center", "operator"));
        await (await other.GetAsync($"/api/v1/operating-centers/{c.Operator.PartyId}/navigation-projects")).ShouldBeProblem(403, "forbidden");
        await (await c.Client.GetAsync($"/api/v1/operating-centers/{c.Operator.PartyId}/navigation-projects?limit=0")).ShouldBeProblem(400, "validation_failed", "limit");
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var c = await NewCenter();
        await (await Post(c.Client, "/api/v1/navigation/projects", ProjectBody(c, type: "astrology"))).ShouldBeProblem(400, "invalid_json", "type");
        await (await Post(c.Client, "/api/v1/navigation/projects", ProjectBody(c, scope: new { region = "330006" }))).ShouldBeProblem(400, "invalid_region", "region");
        await (await Post(c.Client, "/api/v1/navigation/projects", ProjectBody(c, scope: new { ipc = new[] { "Q1" } }))).ShouldBeProblem(400, "invalid_ipc", "ipc");
        var other = await market.Admin().NewKey("operating_center", "operator");
        await (await Post(market.Client(other), "/api/v1/navigation/projects", ProjectBody(c))).ShouldBeProblem(403, "forbidden", "centerId");
        await (await Post(c.Client, "/api/v1/navigation/projects", new { centerId = c.Holder, name = "x", type = "talent" }))
            .ShouldBeProblem(403, "forbidden", "centerId");

        var id = (await Created(Post(c.Client, "/api/v1/navigation/projects", ProjectBody(c)))).Id();
        await (await Post(c.Client, $"/api/v1/navigation/projects/{id}/reports", new { snapshotId = "nvs_0000000000000000", title = "t", conclusions = new[] { "c" } }))
            .ShouldBeProblem(404, "snapshot_not_found", "snapshotId");
        var snapshot = (await Created(Post(c.Client, $"/api/v1/navigation/projects/{id}/snapshots", null))).Id();
        await (await Post(c.Client, $"/api/v1/navigation/projects/{id}/reports", new { snapshotId = snapshot, title = "t", conclusions = Array.Empty<string>() }))
            .ShouldBeProblem(400, "required", "conclusions");
        await (await Post(c.Client, $"/api/v1/navigation/projects/{id}/reports", new { snapshotId = snapshot, title = "t" }))
            .ShouldBeProblem(400, "validation_failed", "conclusions");
        var project = await (await c.Client.GetAsync($"/api/v1/navigation/projects/{id}")).ShouldBe(200);
        Assert.Equal(0, project.GetProperty("reports").GetArrayLength());       // nothing was published
        Assert.Equal(1, project.GetProperty("snapshots").GetArrayLength());

        // Another center's operator does not see the project at all.
        await (await market.Client(other).GetAsync($"/api/v1/navigation/projects/{id}")).ShouldBeProblem(404, "project_not_found");
        await (await c.Client.GetAsync("/api/v1/navigation/reports/nvr_0000000000000000")).ShouldBeProblem(404, "report_not_found");
    }

    private async Task<string> Publish(Center c)
    {
        var id = (await Created(Post(c.Client, "/api/v1/navigation/projects", ProjectBody(c)))).Id();
        var snapshot = (await Created(Post(c.Client, $"/api/v1/navigation/projects/{id}/snapshots", null))).Id();
        return (await Created(Post(c.Client, $"/api/v1/navigation/projects/{id}/reports",
            new { snapshotId = snapshot, title = "固态电池导航报告", conclusions = new[] { "结论一" } }))).Id();
    }
}
