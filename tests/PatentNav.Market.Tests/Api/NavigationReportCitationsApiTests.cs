using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Navigation reports cited by the listings and pools they inform (issue 13 item 4): only published reports the caller may
/// read (422 <c>unknown_report</c> otherwise, nothing written), shown in the listing's and pool's views, and listed by the
/// report (<c>citedBy</c>, drafts left out).
/// </summary>
public sealed class NavigationReportCitationsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object? body) => client.PostWithKey(url, body, Guid.NewGuid().ToString());

    /// <summary>A center with a pool whose member is the holder, and one published report of the center's.</summary>
    private async Task<(IssuedKey Center, IssuedKey Holder, string Pool, string Report, string Patent)> Seed()
    {
        var admin = market.Admin();
        var centerKey = await admin.NewKey("operating_center", "operator");
        var holder = await admin.NewKey("company", "licensor");
        var keyword = "cite" + Guid.NewGuid().ToString("N")[..8];
        var patent = ApiSteps.NewNumber();
        await admin.RegisterPatent(ApiSteps.PatentBody(patent, holder.PartyId, title: $"固态电池 {keyword}"));
        var center = market.Client(centerKey);
        var pool = (await (await center.PostJson("/api/v1/pools", PoolSteps.PoolBody(centerKey.PartyId, currency: "CNY"))).ShouldBe(201)).Id();
        await (await center.PostJson($"/api/v1/pools/{pool}/members", new { partyId = holder.PartyId })).ShouldBe(200);
        var project = (await (await Post(center, "/api/v1/navigation/projects",
            new { centerId = centerKey.PartyId, name = "固态电池导航", type = "industrial_planning", scope = new { keywords = new[] { keyword } } })).ShouldBe(201)).Id();
        var snapshot = (await (await Post(center, $"/api/v1/navigation/projects/{project}/snapshots", null)).ShouldBe(201)).Id();
        var report = (await (await Post(center, $"/api/v1/navigation/projects/{project}/reports",
            new { snapshotId = snapshot, title = "固态电池导航报告", conclusions = new[] { "宜许可。" } })).ShouldBe(201)).Id();
        return (centerKey, holder, pool, report, patent);
    }

    [Fact]
    public async Task Listings_and_pools_cite_published_reports_their_callers_read_and_the_report_lists_them()
    {
        var (centerKey, holderKey, pool, report, patent) = await Seed();
        var holder = market.Client(holderKey);
        var center = market.Client(centerKey);

        // Refused, nothing listed: a report id never published; a report of a center the caller is not a member of.
        var (_, _, _, foreign, _) = await Seed();
        await (await Post(holder, "/api/v1/listings", Listing(holderKey, patent, ["nvr_0000000000000000"]))).ShouldBeProblem(422, "unknown_report", "reportIds[0]");
        await (await Post(holder, "/api/v1/listings", Listing(holderKey, patent, [report, foreign]))).ShouldBeProblem(422, "unknown_report", "reportIds[1]");
        Assert.Empty((await (await holder.GetAsync($"/api/v1/listings?holderId={holderKey.PartyId}")).ShouldBe(200)).GetProperty("items").EnumerateArray());

        // The holder (a member of the center's pool) cites the center's report; so does a draft, which the report does not show.
        var listing = await (await Post(holder, "/api/v1/listings", Listing(holderKey, patent, [report, report]))).ShouldBe(201);
        Assert.Equal([report], listing.GetProperty("reportIds").EnumerateArray().Select(r => r.GetString()));
        var draft = (await (await Post(holder, "/api/v1/listings", Listing(holderKey, patent, [report], dealType: "non_exclusive_licence", open: false))).ShouldBe(201)).Id();

        // The pool's administrator cites it after the fact; citing again changes nothing; another center cannot.
        await (await center.PostJson($"/api/v1/pools/{pool}/reports", new { reportIds = new[] { foreign } })).ShouldBeProblem(422, "unknown_report", "reportIds[0]");
        var cited = await (await center.PostJson($"/api/v1/pools/{pool}/reports", new { reportIds = new[] { report } })).ShouldBe(200);
        Assert.Equal([report], cited.GetProperty("reportIds").EnumerateArray().Select(r => r.GetString()));
        await (await center.PostJson($"/api/v1/pools/{pool}/reports", new { reportIds = new[] { report } })).ShouldBe(200);
        var otherCenter = await market.Admin().NewKey("operating_center", "operator");
        await (await market.Client(otherCenter).PostJson($"/api/v1/pools/{pool}/reports", new { reportIds = new[] { report } })).ShouldBeProblem(403, "forbidden");
        Assert.Equal([report], (await (await market.ClientWith(null).GetAsync($"/api/v1/pools/{pool}")).ShouldBe(200)).GetProperty("reportIds").EnumerateArray().Select(r => r.GetString()));

        // The report lists what cites it: the open listing and the pool, not the draft.
        var read = await (await center.GetAsync($"/api/v1/navigation/reports/{report}")).ShouldBe(200);
        Assert.Equal([("listing", listing.Id()), ("pool", pool)],
            read.GetProperty("citedBy").EnumerateArray().Select(x => (x.GetProperty("kind").GetString(), x.GetProperty("id").GetString())));
        await (await holder.PostJson($"/api/v1/listings/{draft}/open", new { })).ShouldBe(200);
        read = await (await holder.GetAsync($"/api/v1/navigation/reports/{report}")).ShouldBe(200);
        Assert.Equal([listing.Id(), draft, pool], read.GetProperty("citedBy").EnumerateArray().Select(x => x.GetProperty("id").GetString()));
        // The report's content is unchanged by its citations.
        Assert.Equal(1, read.GetProperty("content").GetProperty("version").GetInt32());
    }

    private static Dictionary<string, object?> Listing(IssuedKey holder, string patent, string[] reportIds, string dealType = "sale", bool open = true)
    {
        var body = MatchingSteps.ListingBody(holder.PartyId, [patent], dealType, MatchingSteps.Price(1_000, 2_000), open: open);
        body["reportIds"] = reportIds;
        return body;
    }
}
