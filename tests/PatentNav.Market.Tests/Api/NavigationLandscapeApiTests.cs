using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// <c>GET /api/v1/navigation/landscape</c> on PostgreSQL, against the worked example of docs/NAVIGATION.md. The market's
/// today is 2030-01-02 (<see cref="ClockedMarket"/>), so growth runs from 2026 (base) to 2029 (end). Each test's patents
/// carry a keyword of their own (<c>q=</c>), so the scope is exactly the hand-made set.
/// </summary>
public sealed class NavigationLandscapeApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private sealed record World(string Keyword, string A, string B, string C, IssuedKey AKey);

    /// <summary>
    /// A (company, 330106 西湖区): 4 alone (H01M 10/052; 2026, 2029 ×3); B (university, 330100 杭州市): 2 alone
    /// (H01M 10/054; 2026, 2029); C (company, 110000 北京市): 1 (G06F 16/30; 2026); A and B together: 1 (H01M 4/133; 2027).
    /// Valued: A's first two 5 000 and 20 000 CNY, B's first 300 000 CNY, the joint one 40 000 CNY.
    /// </summary>
    private async Task<World> HandMadeSet()
    {
        var admin = market.Admin();
        var keyword = "nav" + Guid.NewGuid().ToString("N")[..10];
        var aKey = await NewParty("company", "330106", "licensor");
        var b = (await NewParty("university", "330100", "licensor")).PartyId;
        var c = (await NewParty("company", "110000", "licensor")).PartyId;
        var a = aKey.PartyId;
        async Task<string> Patent(string[] owners, string ipc, int year, long? value = null, string? grantDate = null)
        {
            var number = ApiSteps.NewNumber(year: year);
            var body = ApiSteps.PatentBody(number, owners[0], title: $"一种电池 {keyword}", ipc: [ipc], filingDate: $"{year}-03-02",
                grantDate: grantDate, status: grantDate is null ? "pending" : "granted");
            body["ownerIds"] = owners;
            await admin.RegisterPatent(body);
            if (value is { } amount) await admin.AddValuation(number, amount, "2029-12-01");
            return number;
        }
        await Patent([a], "H01M 10/052", 2026, 500_000, grantDate: "2028-05-10");
        await Patent([a], "H01M 10/052", 2029, 2_000_000);
        await Patent([a], "H01M 10/052", 2029);
        await Patent([a], "H01M 10/052", 2029);
        await Patent([b], "H01M 10/054", 2026, 30_000_000);
        await Patent([b], "H01M 10/054", 2029);
        await Patent([c], "G06F 16/30", 2026);
        await Patent([a, b], "H01M 4/133", 2027, 4_000_000);
        return new World(keyword, a, b, c, aKey);
    }

    private async Task<IssuedKey> NewParty(string kind, string region, params string[] roles)
    {
        var admin = market.Admin();
        var party = (await (await admin.PostJson("/api/v1/parties", new { name = $"{kind} {Guid.NewGuid():N}", kind, region })).ShouldBe(201)).Id();
        var key = await (await admin.PostJson($"/api/v1/parties/{party}/api-keys", new { roles })).ShouldBe(201);
        return new IssuedKey(party, key.GetProperty("keyId").GetString()!, key.GetProperty("token").GetString()!);
    }

    private async Task<JsonElement> Landscape(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/v1/navigation/landscape?{query}")).ShouldBe(200);

    [Fact]
    public async Task Holders_concentration_and_share_of_the_worked_example()
    {
        var w = await HandMadeSet();
        var land = await Landscape(market.Client(w.AKey), $"q={w.Keyword}&sections=holders");
        Assert.Equal(8, land.GetProperty("patents").GetInt64());
        Assert.Equal(JsonValueKind.Null, land.GetProperty("trend").ValueKind);   // only the section asked for

        var holders = land.GetProperty("holders");
        var c = holders.GetProperty("concentration");
        Assert.Equal(4296.88, c.GetProperty("hhi").GetDouble());    // 56.25² + 31.25² + 12.5²
        Assert.Equal(1.0, c.GetProperty("cr4").GetDouble());
        Assert.Equal("high", c.GetProperty("band").GetString());
        var ranking = holders.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal([w.A, w.B, w.C], ranking.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([4.5, 2.5, 1.0], ranking.Select(r => r.GetProperty("weight").GetDouble()));
        Assert.Equal([0.5625, 0.3125, 0.125], ranking.Select(r => r.GetProperty("share").GetDouble()));
        Assert.Equal([5L, 3L, 1L], ranking.Select(r => r.GetProperty("patents").GetInt64()));
        Assert.Equal("330106", ranking[0].GetProperty("region").GetString());
        // Every holder first filed here in 2026.
        Assert.Equal([(2026, 3L)], holders.GetProperty("newEntrants").EnumerateArray().Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("count").GetInt64())));
        // 2028–2029: 2 filings and 1 holder a year on average: emergence.
        Assert.Equal("emergence", holders.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_region_keeps_the_patents_of_its_holders()
    {
        var w = await HandMadeSet();
        // 杭州市 (330100) contains A (330106) and B (330100), not C: 7 patents, shares 4.5/7 and 2.5/7.
        var land = await Landscape(market.Admin(), $"q={w.Keyword}&region=330100&sections=holders");
        Assert.Equal(7, land.GetProperty("patents").GetInt64());
        Assert.Equal(5408.16, land.GetProperty("holders").GetProperty("concentration").GetProperty("hhi").GetDouble()); // (450/7)² + (250/7)²
        Assert.Equal(7, (await Landscape(market.Admin(), $"q={w.Keyword}&region=330000&sections=holders")).GetProperty("patents").GetInt64());
        Assert.Equal(1, (await Landscape(market.Admin(), $"q={w.Keyword}&region=110000&sections=holders")).GetProperty("patents").GetInt64());
    }

    [Fact]
    public async Task Trend_growth_rates_and_hot_spot_of_the_worked_example()
    {
        var w = await HandMadeSet();
        var trend = (await Landscape(market.Admin(), $"q={w.Keyword}&sections=trend")).GetProperty("trend");
        Assert.Equal(2026, trend.GetProperty("baseYear").GetInt32());
        Assert.Equal(2029, trend.GetProperty("endYear").GetInt32());
        var growth = trend.GetProperty("growth").EnumerateArray().ToDictionary(g => g.GetProperty("class").GetString()!);
        // H01M 10/00: 2 filings in 2026, 4 in 2029: (4/2)^(1/3) − 1; G06F 16/00: 1 → 0: −1; H01M 4/00: none in 2026.
        Assert.Equal(0.2599, growth["H01M 10/00"].GetProperty("cagr").GetDouble());
        Assert.Equal(-1, growth["G06F 16/00"].GetProperty("cagr").GetDouble());
        Assert.Equal(JsonValueKind.Null, growth["H01M 4/00"].GetProperty("cagr").ValueKind);
        Assert.Equal(["H01M 10/00"], trend.GetProperty("hotSpots").EnumerateArray().Select(h => h.GetString()));
        // Filings by filing year: 2026 ×3 (A's granted one, B's and C's pending), 2027 ×1, 2029 ×4; the one grant in 2028.
        var filings = trend.GetProperty("filings").EnumerateArray()
            .Select(f => (f.GetProperty("year").GetInt32(), f.GetProperty("status").GetString(), f.GetProperty("count").GetInt64())).ToList();
        Assert.Equal([(2026, "granted", 1L), (2026, "pending", 2L), (2027, "pending", 1L), (2029, "pending", 4L)], filings);
        Assert.Equal([(2028, 1L)], trend.GetProperty("grants").EnumerateArray().Select(g => (g.GetProperty("year").GetInt32(), g.GetProperty("count").GetInt64())));
    }

    [Fact]
    public async Task Composition_value_and_positioning_of_the_worked_example()
    {
        var w = await HandMadeSet();
        var land = await Landscape(market.Admin(), $"q={w.Keyword}&focus={w.A}");
        var composition = land.GetProperty("composition");
        Assert.Equal([("H01M", 7L), ("G06F", 1L)], composition.GetProperty("subclasses").EnumerateArray()
            .Select(s => (s.GetProperty("class").GetString(), s.GetProperty("patents").GetInt64())));
        Assert.Equal([("H01M 10/00", 6L), ("G06F 16/00", 1L), ("H01M 4/00", 1L)], composition.GetProperty("mainGroups").EnumerateArray()
            .Select(s => (s.GetProperty("class").GetString(), s.GetProperty("patents").GetInt64())));
        Assert.Equal(1, composition.GetProperty("coOwned").GetInt64());
        Assert.Equal(0.125, composition.GetProperty("coOwnedShare").GetDouble());
        Assert.Equal(3, composition.GetProperty("academic").GetInt64());           // B's two and the joint one
        Assert.Equal(0.375, composition.GetProperty("academicShare").GetDouble());

        // Values 500 000, 2 000 000, 4 000 000, 30 000 000 fen: nearest-rank quartiles.
        var value = land.GetProperty("value");
        Assert.Equal(4, value.GetProperty("valued").GetInt64());
        Assert.Equal(36_500_000, value.GetProperty("total").GetInt64());
        Assert.Equal(500_000, value.GetProperty("q1").GetInt64());
        Assert.Equal(2_000_000, value.GetProperty("median").GetInt64());
        Assert.Equal(4_000_000, value.GetProperty("q3").GetInt64());
        Assert.Equal(30_000_000, value.GetProperty("max").GetInt64());
        Assert.Equal([1L, 2L, 1L, 0L, 0L], value.GetProperty("histogram").EnumerateArray().Select(b => b.GetProperty("patents").GetInt64()));
        Assert.Equal(36_500_000 / 3, value.GetProperty("perHolder").GetInt64());
        var top = value.GetProperty("topHolders").EnumerateArray().First();
        Assert.Equal((w.B, 32_000_000L), (top.GetProperty("id").GetString(), top.GetProperty("value").GetInt64())); // 30 M + half of 4 M

        // A: 4 + ½ of 8 patents; 0.5 M + 2 M + 2 M of 36.5 M.
        var positioning = land.GetProperty("positioning");
        Assert.Equal(4.5, positioning.GetProperty("patents").GetDouble());
        Assert.Equal(0.5625, positioning.GetProperty("patentShare").GetDouble());
        Assert.Equal(Math.Round(4_500_000 / 36_500_000.0, 4), positioning.GetProperty("valueShare").GetDouble());
        var years = positioning.GetProperty("filingsPerYear").EnumerateArray().ToDictionary(y => y.GetProperty("key").GetString()!, y => y.GetProperty("share").GetDouble());
        Assert.Equal(0.3333, years["2026"]); // 1 of 3
        Assert.Equal(0.5, years["2027"]);    // ½ of 1
        Assert.Equal(0.75, years["2029"]);   // 3 of 4
    }

    [Fact]
    public async Task Pool_royalty_amounts_are_shown_to_the_deals_parties_and_withheld_from_others()
    {
        var admin = market.Admin();
        var keyword = "nav" + Guid.NewGuid().ToString("N")[..10];
        var pool = await market.NewPool();
        var holder = await admin.NewKey("company", "licensor");
        await (await market.Client(pool.Administrator).PostJson($"/api/v1/pools/{pool.Id}/members", new { partyId = holder.PartyId })).ShouldBe(200);
        var number = ApiSteps.NewNumber();
        await admin.RegisterPatent(ApiSteps.PatentBody(number, holder.PartyId, title: $"视频解码 {keyword}"));
        await (await market.Client(holder).PostJson($"/api/v1/pools/{pool.Id}/patents/{number}/agreement", new { })).ShouldBe(201);
        await (await market.Client(pool.Administrator).PostJson($"/api/v1/pools/{pool.Id}/patents", new { number })).ShouldBe(201);
        var licensee = await admin.NewKey("company", "licensee");
        var licence = await market.Acquire(pool, licensee);
        // 1 000 000 units: the first 100 000 free, then 0.20 USD: 18 000 000 ¢.
        await (await market.Client(licensee).Report(licence, LicenceSteps.Quarter(market.Clock.Today).ToString(), 1_000_000)).ShouldBe(201);

        JsonElement Invoiced(JsonElement land) => land.GetProperty("operations").GetProperty("quarters").EnumerateArray()
            .Single(o => o.GetProperty("kind").GetString() == "royalties_invoiced");
        var query = $"q={keyword}&sections=operations";
        foreach (var own in new[] { admin, market.Client(licensee), market.Client(pool.Administrator) })
        {
            var invoiced = Invoiced(await Landscape(own, query));
            Assert.Equal("2030-Q1", invoiced.GetProperty("period").GetString());
            Assert.Equal(18_000_000, invoiced.GetProperty("amount").GetInt64());
            Assert.False(invoiced.GetProperty("withheld").GetBoolean());
        }
        var stranger = await admin.NewKey("company", "licensee");
        var other = await Landscape(market.Client(stranger), query);
        var withheld = Invoiced(other);
        Assert.Equal(1, withheld.GetProperty("count").GetInt64());     // counts are public …
        Assert.Equal(1, withheld.GetProperty("counterparties").GetInt32());
        Assert.Equal(JsonValueKind.Null, withheld.GetProperty("amount").ValueKind); // … one licensee's royalties are not
        Assert.True(withheld.GetProperty("withheld").GetBoolean());
        var granted = other.GetProperty("operations").GetProperty("years").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "licences_granted");
        Assert.Equal(("2030", 1L), (granted.GetProperty("period").GetString(), granted.GetProperty("count").GetInt64()));
        // The pool scope is the same patent.
        Assert.Equal(1, (await Landscape(admin, $"pool={pool.Id}&sections=trend")).GetProperty("patents").GetInt64());
    }

    [Fact]
    public async Task A_completed_transfers_price_is_shown_to_its_parties_and_withheld_from_others()
    {
        var admin = market.Admin();
        var keyword = "nav" + Guid.NewGuid().ToString("N")[..10];
        var cast = await admin.NewCast();
        var number = ApiSteps.NewNumber();
        await admin.RegisterPatent(ApiSteps.PatentBody(number, cast.Seller.PartyId, title: $"电池回收 {keyword}"));
        var id = (await market.Client(cast.Seller).Open(cast, [number])).TransferId();
        await (await market.Client(cast.Operator).PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        Assert.Equal("completed", (await (await market.Client(cast.Operator).RecordNotice(id, "ZLBG2030000001", market.Clock.Today)).ShouldBe(200)).Status());

        JsonElement Transfers(JsonElement land) => land.GetProperty("operations").GetProperty("quarters").EnumerateArray()
            .Single(o => o.GetProperty("kind").GetString() == "transfers");
        var query = $"q={keyword}&sections=operations";
        foreach (var own in new[] { admin, market.Client(cast.Seller), market.Client(cast.Buyer), market.Client(cast.Operator) })
        {
            var t = Transfers(await Landscape(own, query));
            Assert.Equal(("2030-Q1", "CNY", 1L), (t.GetProperty("period").GetString(), t.GetProperty("currency").GetString(), t.GetProperty("count").GetInt64()));
            Assert.Equal(TransferSteps.Price, t.GetProperty("amount").GetInt64());
        }
        var withheld = Transfers(await Landscape(market.Client(await admin.NewKey("company", "licensee")), query));
        Assert.Equal(1, withheld.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, withheld.GetProperty("amount").ValueKind);
        Assert.True(withheld.GetProperty("withheld").GetBoolean());
    }

    [Theory]
    [InlineData("ipc=X99", 400, "invalid_ipc", "ipc")]
    [InlineData("region=330006", 400, "invalid_region", "region")]
    [InlineData("focus=999999", 400, "invalid_region", "focus")]
    [InlineData("from=2020-13-01", 400, "validation_failed", "from")]
    [InlineData("from=2029-01-01&to=2028-01-01", 400, "invalid_range", "to")]
    [InlineData("sections=trend,gossip", 400, "validation_failed", "sections")]
    [InlineData("currency=yuan", 400, "invalid_currency", "currency")]
    [InlineData("pool=pool_0000000000000000", 404, "pool_not_found", null)]
    public async Task Bad_scopes_are_problems_naming_the_field(string query, int status, string code, string? field) =>
        await (await market.Admin().GetAsync($"/api/v1/navigation/landscape?{query}")).ShouldBeProblem(status, code, field);

    [Fact]
    public async Task Anonymous_callers_are_refused() =>
        Assert.Equal(401, (int)(await market.ClientWith(null).GetAsync("/api/v1/navigation/landscape")).StatusCode);
}
