using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Industry IP alliances (§11) through REST on PostgreSQL: an operating center founds one for at least two members, who
/// join and leave on dates; it is filed (备案) once; its members' patents are a landscape scope. Today is 2030-01-02.
/// </summary>
public sealed class AllianceApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static Dictionary<string, object?> Charter(string name = "长三角动力电池产业知识产权联盟") => new()
    {
        ["name"] = name, ["purpose"] = "协同创新与专利池运营", ["industryScope"] = "动力电池（H01M）", ["form"] = "association",
        ["rightsAndDuties"] = "共享导航分析；报送专利信息", ["governance"] = "理事会", ["funding"] = "会费",
        ["amendment"] = "大会三分之二多数", ["dissolution"] = "成员不足两家时解散",
    };

    private static object Body(string centerId, Dictionary<string, object?> charter, params object[] members) => new { centerId, charter, members };

    private static object Member(string partyId, string? joinedOn = null) => new { partyId, joinedOn };

    private async Task<JsonElement> Get(HttpClient client, string id) => await (await client.GetAsync($"/api/v1/alliances/{id}")).ShouldBe(200);

    [Fact]
    public async Task A_center_founds_an_alliance_its_members_join_and_leave_on_dates_and_refusals_change_nothing()
    {
        var admin = market.Admin();
        var centerKey = await admin.NewKey("operating_center", "operator");
        var center = market.Client(centerKey);
        var a = await admin.NewKey("company", "licensor");
        var b = await admin.NewKey("university", "licensor");
        var c = await admin.NewParty();
        var stranger = await admin.NewKey("company", "licensor");
        var otherCenter = await admin.NewKey("operating_center", "operator");

        // Refusals: one member, a missing clause, an unknown party, another center's key. Nothing is founded.
        await (await center.PostWithKey("/api/v1/alliances", Body(centerKey.PartyId, Charter(), Member(a.PartyId)), "one"))
            .ShouldBeProblem(400, "too_few_members", "members");
        var noFunding = Charter();
        noFunding["funding"] = " ";
        await (await center.PostWithKey("/api/v1/alliances", Body(centerKey.PartyId, noFunding, Member(a.PartyId), Member(b.PartyId)), "clause"))
            .ShouldBeProblem(400, "required", "charter.funding");
        await (await center.PostWithKey("/api/v1/alliances", Body(centerKey.PartyId, Charter(), Member(a.PartyId), Member("pty_0000000000000000")), "ghost"))
            .ShouldBeProblem(422, "unknown_party", "members[1].partyId");
        await (await center.PostWithKey("/api/v1/alliances", Body(centerKey.PartyId, Charter(), Member(a.PartyId), Member(a.PartyId)), "twice"))
            .ShouldBeProblem(400, "duplicate_member", "members[1].partyId");
        await (await market.Client(otherCenter).PostWithKey("/api/v1/alliances", Body(centerKey.PartyId, Charter(), Member(a.PartyId), Member(b.PartyId)), "other"))
            .ShouldBeProblem(403, "forbidden", "centerId");
        Assert.Empty((await (await center.GetAsync("/api/v1/alliances")).ShouldBe(200)).GetProperty("items").EnumerateArray());

        var created = await (await center.PostWithKey("/api/v1/alliances",
            Body(centerKey.PartyId, Charter(), Member(a.PartyId, "2029-06-01"), Member(b.PartyId)), "found")).ShouldBe(201);
        var id = created.Id();
        Assert.StartsWith("all_", id);
        Assert.Equal("association", created.GetProperty("charter").GetProperty("form").GetString());
        Assert.Equal([a.PartyId, b.PartyId], created.GetProperty("currentMembers").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["2029-06-01", "2030-01-02"], created.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("joinedOn").GetString()));
        // A retry with the key is the same alliance.
        Assert.Equal(id, (await (await center.PostWithKey("/api/v1/alliances",
            Body(centerKey.PartyId, Charter(), Member(a.PartyId, "2029-06-01"), Member(b.PartyId)), "found")).ShouldBe(201)).Id());

        // The center and the members read it; anyone else gets the 404 of a missing one, and cannot act.
        await Get(market.Client(a), id);
        await (await market.Client(stranger).GetAsync($"/api/v1/alliances/{id}")).ShouldBeProblem(404, "alliance_not_found");
        await (await market.Client(otherCenter).PostJson($"/api/v1/alliances/{id}/members", new { partyId = c })).ShouldBeProblem(404, "alliance_not_found");
        await (await market.Client(a).PostJson($"/api/v1/alliances/{id}/members", new { partyId = c })).ShouldBeProblem(403, "forbidden");
        Assert.Equal([id], (await (await market.Client(b).GetAsync("/api/v1/alliances")).ShouldBe(200)).GetProperty("items").EnumerateArray().Select(x => x.Id()));

        // Leaving would leave one member: refused, nothing changed.
        await (await center.PostJson($"/api/v1/alliances/{id}/members/{b.PartyId}/departure", new { })).ShouldBeProblem(409, "too_few_members", "partyId");
        await (await center.PostJson($"/api/v1/alliances/{id}/members", new { partyId = c, joinedOn = "2030-01-03" })).ShouldBeProblem(400, "date_in_future", "joinedOn");
        Assert.Equal(2, (await Get(center, id)).GetProperty("members").GetArrayLength());

        // C joins; then B can leave (today), and from today is no member: it no longer reads the alliance.
        await (await center.PostJson($"/api/v1/alliances/{id}/members", new { partyId = c, joinedOn = "2029-12-01" })).ShouldBe(200);
        await (await center.PostJson($"/api/v1/alliances/{id}/members", new { partyId = c, joinedOn = "2029-12-01" })).ShouldBe(200); // the same: a no-op
        await (await center.PostJson($"/api/v1/alliances/{id}/members", new { partyId = c, joinedOn = "2029-12-02" })).ShouldBeProblem(409, "already_member", "partyId");
        await (await center.PostJson($"/api/v1/alliances/{id}/members/{b.PartyId}/departure", new { leftOn = "2029-12-31" })).ShouldBeProblem(422, "left_before_joining", "leftOn");
        var left = await (await center.PostJson($"/api/v1/alliances/{id}/members/{b.PartyId}/departure", new { })).ShouldBe(200);
        Assert.Equal([a.PartyId, c], left.GetProperty("currentMembers").EnumerateArray().Select(m => m.GetString()));
        await (await market.Client(b).GetAsync($"/api/v1/alliances/{id}")).ShouldBeProblem(404, "alliance_not_found");
        // Members on a past day: on 2029-12-15 A, B and C were members; on 2029-07-01 A only.
        var onDec = await (await center.GetAsync($"/api/v1/alliances/{id}/members?on=2029-12-15")).ShouldBe(200);
        Assert.Equal([a.PartyId, c], onDec.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        var onJuly = await (await center.GetAsync($"/api/v1/alliances/{id}/members?on=2029-07-01")).ShouldBe(200);
        Assert.Equal([a.PartyId], onJuly.GetProperty("members").EnumerateArray().Select(m => m.GetString()));

        // Filing (备案) once.
        var filed = await (await center.PostJson($"/api/v1/alliances/{id}/filing", new { filingNumber = "浙知联备 2030-001", filedOn = "2030-01-02" })).ShouldBe(200);
        Assert.Equal("浙知联备 2030-001", filed.GetProperty("filing").GetProperty("filingNumber").GetString());
        await (await center.PostJson($"/api/v1/alliances/{id}/filing", new { filingNumber = "浙知联备 2030-001", filedOn = "2030-01-02" })).ShouldBe(200);
        await (await center.PostJson($"/api/v1/alliances/{id}/filing", new { filingNumber = "浙知联备 2030-002", filedOn = "2030-01-02" }))
            .ShouldBeProblem(409, "alliance_already_filed", "filingNumber");
        Assert.Equal("浙知联备 2030-001", (await Get(center, id)).GetProperty("filing").GetProperty("filingNumber").GetString());
    }

    /// <summary>
    /// The hand-made set of docs/NAVIGATION.md (A 4 alone, B 2 alone, C 1, A and B 1 together). The alliance's members
    /// today are A and C (B left today), so the scope is the patents held at least in part by A or C: A's 4, C's 1 and the
    /// joint one = 6. Weights A 4 + ½ = 4.5, C 1, B ½ (its share of the joint patent); Σ = 6, shares 0.75, 0.1667, 0.0833;
    /// HHI = 75² + 16.667² + 8.333² = 5 625 + 277.78 + 69.44 = 5 972.22.
    /// </summary>
    [Fact]
    public async Task The_landscape_of_an_alliance_is_the_patents_its_members_of_today_hold()
    {
        var admin = market.Admin();
        var keyword = "all" + Guid.NewGuid().ToString("N")[..10];
        var centerKey = await admin.NewKey("operating_center", "operator");
        var aKey = await admin.NewKey("company", "licensor");
        var (a, b, c) = (aKey.PartyId, await admin.NewParty("university"), await admin.NewParty());
        async Task Patent(string[] owners, string ipc, int year)
        {
            var body = ApiSteps.PatentBody(ApiSteps.NewNumber(year: year), owners[0], title: $"一种电池 {keyword}", ipc: [ipc], filingDate: $"{year}-03-02",
                grantDate: null, status: "pending");
            body["ownerIds"] = owners;
            await admin.RegisterPatent(body);
        }
        foreach (var year in new[] { 2026, 2029, 2029, 2029 }) await Patent([a], "H01M 10/052", year);
        await Patent([b], "H01M 10/054", 2026);
        await Patent([b], "H01M 10/054", 2029);
        await Patent([c], "G06F 16/30", 2026);
        await Patent([a, b], "H01M 4/133", 2027);

        var center = market.Client(centerKey);
        var id = (await (await center.PostWithKey("/api/v1/alliances",
            Body(centerKey.PartyId, Charter(), Member(a, "2029-01-01"), Member(b, "2029-01-01"), Member(c, "2029-06-01")), Guid.NewGuid().ToString())).ShouldBe(201)).Id();
        await (await center.PostJson($"/api/v1/alliances/{id}/members/{b}/departure", new { leftOn = "2030-01-02" })).ShouldBe(200);

        var land = await (await market.Client(aKey).GetAsync($"/api/v1/navigation/landscape?q={keyword}&alliance={id}&sections=holders")).ShouldBe(200);
        Assert.Equal(6, land.GetProperty("patents").GetInt64());
        var holders = land.GetProperty("holders");
        Assert.Equal(5972.22, holders.GetProperty("concentration").GetProperty("hhi").GetDouble());
        var ranking = holders.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal([a, c, b], ranking.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([4.5, 1.0, 0.5], ranking.Select(r => r.GetProperty("weight").GetDouble()));
        Assert.Equal([0.75, 0.1667, 0.0833], ranking.Select(r => r.GetProperty("share").GetDouble()));
        // The whole keyword scope has 8: the alliance narrows it.
        Assert.Equal(8, (await (await center.GetAsync($"/api/v1/navigation/landscape?q={keyword}&sections=holders")).ShouldBe(200)).GetProperty("patents").GetInt64());

        // Who does not read the alliance cannot scope by it (its membership would leak).
        var stranger = await admin.NewKey("company", "licensor");
        await (await market.Client(stranger).GetAsync($"/api/v1/navigation/landscape?q={keyword}&alliance={id}")).ShouldBeProblem(404, "alliance_not_found");

        // A project of the center over the alliance keeps the same figures in its snapshot.
        var project = (await (await center.PostWithKey("/api/v1/navigation/projects", new
        {
            centerId = centerKey.PartyId, name = "联盟导航", type = "industrial_planning", scope = new { keywords = new[] { keyword }, allianceId = id },
        }, Guid.NewGuid().ToString())).ShouldBe(201)).Id();
        var snapshot = await (await center.PostWithKey($"/api/v1/navigation/projects/{project}/snapshots", null, Guid.NewGuid().ToString())).ShouldBe(201);
        Assert.Equal(6, snapshot.GetProperty("landscape").GetProperty("patents").GetInt64());
        var otherCenter = await admin.NewKey("operating_center", "operator");
        await (await market.Client(otherCenter).PostWithKey("/api/v1/navigation/projects", new
        {
            centerId = otherCenter.PartyId, name = "x", type = "industrial_planning", scope = new { allianceId = id },
        }, Guid.NewGuid().ToString())).ShouldBeProblem(404, "alliance_not_found");
    }
}
