using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// GET /api/v1/patents. Tests in this class share one database, so each one files its patents
/// under a fresh owner and filters by that owner (or a unique word) to see only its own.
/// </summary>
public sealed class CatalogueSearchApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static string Q(string text) => Uri.EscapeDataString(text);

    [Fact]
    public async Task Chinese_and_english_keywords_match_title_and_abstract()
    {
        var owner = await app.CreateParty();
        var admin = app.Admin();
        var battery = ApiSteps.NewNumber();
        var anode = ApiSteps.NewNumber();
        var display = ApiSteps.NewNumber();
        await admin.RegisterPatent(ApiSteps.PatentBody(battery, owner, title: "一种固态电池及其制备方法", @abstract: "涉及储能领域。"));
        await admin.RegisterPatent(ApiSteps.PatentBody(anode, owner, title: "Silicon Anode for Lithium-Ion Cells", @abstract: "A composite anode improves 电池 cycle life."));
        await admin.RegisterPatent(ApiSteps.PatentBody(display, owner, title: "柔性显示面板", @abstract: "An OLED display panel.", ipc: ["G09F 9/30"]));

        Assert.Equal([battery, anode], await admin.SearchNumbers($"owner={owner}&q={Q("电池")}"));
        Assert.Equal([anode], await admin.SearchNumbers($"owner={owner}&q={Q("lithium")}"));
        Assert.Equal([anode], await admin.SearchNumbers($"owner={owner}&q={Q("LITHIUM anode")}"));
        Assert.Equal([display], await admin.SearchNumbers($"owner={owner}&q={Q("oled")}"));
        Assert.Equal([display], await admin.SearchNumbers($"owner={owner}&q={Q("显示")}"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&q={Q("lithium 显示")}"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&q={Q("100%")}"));
        Assert.Equal([battery, anode, display], await admin.SearchNumbers($"owner={owner}&q="));
    }

    [Fact]
    public async Task A_keyword_search_finds_patents_of_any_owner()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var a = await app.CreateParty();
        var b = await app.CreateParty();
        var first = ApiSteps.NewNumber();
        var second = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(ApiSteps.PatentBody(first, a, title: $"Method using {word} catalysts"));
        await app.Admin().RegisterPatent(ApiSteps.PatentBody(second, b, @abstract: $"含有{word}的催化剂"));

        Assert.Equal([first, second], await app.Admin().SearchNumbers($"q={word}"));
        var licensee = await app.NewKey("company", "licensee");
        Assert.Equal([first, second], await app.Client(licensee).SearchNumbers($"q={word.ToUpperInvariant()}"));
    }

    [Fact]
    public async Task Ipc_filter_matches_by_prefix()
    {
        var owner = await app.CreateParty();
        var admin = app.Admin();
        var cells = ApiSteps.NewNumber();
        var electrodes = ApiSteps.NewNumber();
        var computing = ApiSteps.NewNumber();
        await admin.RegisterPatent(ApiSteps.PatentBody(cells, owner, ipc: ["H01M 10/052", "H01M 10/0525"]));
        await admin.RegisterPatent(ApiSteps.PatentBody(electrodes, owner, ipc: ["H01M 4/133"]));
        await admin.RegisterPatent(ApiSteps.PatentBody(computing, owner, ipc: ["G06F 16/00", "H04L 9/32"]));

        Assert.Equal([cells, electrodes], await admin.SearchNumbers($"owner={owner}&ipc=H01M"));
        Assert.Equal([cells, electrodes], await admin.SearchNumbers($"owner={owner}&ipc=h01m"));
        Assert.Equal([cells, electrodes, computing], await admin.SearchNumbers($"owner={owner}&ipc=H"));
        Assert.Equal([cells], await admin.SearchNumbers($"owner={owner}&ipc=H01M10"));
        Assert.Equal([cells], await admin.SearchNumbers($"owner={owner}&ipc={Q("H01M 10/0525")}"));
        Assert.Equal([computing], await admin.SearchNumbers($"owner={owner}&ipc=H04L"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&ipc=H01L"));
    }

    [Fact]
    public async Task Type_and_status_filters()
    {
        var owner = await app.CreateParty();
        var admin = app.Admin();
        var invention = ApiSteps.NewNumber('1');
        var utility = ApiSteps.NewNumber('2');
        var design = ApiSteps.NewNumber('3');
        var pending = ApiSteps.NewNumber('1');
        var lapsed = ApiSteps.NewNumber('1');
        await admin.RegisterPatent(invention, owner);
        await admin.RegisterPatent(utility, owner);
        await admin.RegisterPatent(design, owner);
        await admin.RegisterPatent(ApiSteps.PatentBody(pending, owner, grantDate: null, status: "pending"));
        await admin.RegisterPatent(lapsed, owner);
        await (await admin.PatchJson($"/api/v1/patents/{lapsed}", new { status = "lapsed" })).ShouldBe(200);

        Assert.Equal([invention, pending, lapsed], await admin.SearchNumbers($"owner={owner}&type=invention"));
        Assert.Equal([utility], await admin.SearchNumbers($"owner={owner}&type=utility_model"));
        Assert.Equal([design], await admin.SearchNumbers($"owner={owner}&type=design"));
        Assert.Equal([invention, utility, design], await admin.SearchNumbers($"owner={owner}&status=granted"));
        Assert.Equal([pending], await admin.SearchNumbers($"owner={owner}&status=pending"));
        Assert.Equal([lapsed], await admin.SearchNumbers($"owner={owner}&status=lapsed"));
        Assert.Equal([invention], await admin.SearchNumbers($"owner={owner}&type=invention&status=granted"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&status=expired"));

        var entry = (await admin.SearchPage($"owner={owner}&type=utility_model")).GetProperty("items")[0];
        Assert.Equal("utility_model", entry.GetProperty("type").GetString());
        Assert.Equal("granted", entry.GetProperty("status").GetString());
        Assert.Equal("2032-03-02", entry.GetProperty("expiresOn").GetString());
        Assert.Equal([owner], entry.GetProperty("ownerIds").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Owner_filter_follows_ownership_changes()
    {
        var seller = await app.CreateParty();
        var buyer = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        var admin = app.Admin();
        await admin.RegisterPatent(number, seller);
        Assert.Equal([number], await admin.SearchNumbers($"owner={seller}"));
        Assert.Empty(await admin.SearchNumbers($"owner={buyer}"));

        await (await admin.PatchJson($"/api/v1/patents/{number}", new { ownerIds = new[] { buyer } })).ShouldBe(200);
        Assert.Empty(await admin.SearchNumbers($"owner={seller}"));
        Assert.Equal([number], await admin.SearchNumbers($"owner={buyer}"));
    }

    [Fact]
    public async Task Value_range_uses_the_current_valuation()
    {
        var owner = await app.CreateParty();
        var admin = app.Admin();
        var cheap = ApiSteps.NewNumber();
        var middle = ApiSteps.NewNumber();
        var dear = ApiSteps.NewNumber();
        var unvalued = ApiSteps.NewNumber();
        foreach (var n in new[] { cheap, middle, dear, unvalued }) await admin.RegisterPatent(n, owner);
        await admin.AddValuation(cheap, 100_000_00, "2024-01-01");
        await admin.AddValuation(middle, 500_000_00, "2024-01-01");
        await admin.AddValuation(dear, 100_000_00, "2023-01-01");
        await admin.AddValuation(dear, 2_000_000_00, "2024-01-01");

        Assert.Equal([middle], await admin.SearchNumbers($"owner={owner}&minValue=20000000&maxValue=60000000"));
        Assert.Equal([middle, dear], await admin.SearchNumbers($"owner={owner}&minValue=50000000"));
        Assert.Equal([cheap, middle], await admin.SearchNumbers($"owner={owner}&maxValue=50000000"));
        Assert.Equal([cheap], await admin.SearchNumbers($"owner={owner}&minValue=10000000&maxValue=10000000"));
        Assert.Equal([cheap, middle, dear, unvalued], await admin.SearchNumbers($"owner={owner}"));

        var entry = (await admin.SearchPage($"owner={owner}&minValue=100000000")).GetProperty("items")[0];
        Assert.Equal(2_000_000_00L, entry.GetProperty("currentValue").GetProperty("amount").GetInt64());
        Assert.Equal("CNY", entry.GetProperty("currentValue").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Cursor_pagination_visits_every_result_once_in_order()
    {
        var owner = await app.CreateParty();
        var admin = app.Admin();
        var numbers = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            var n = ApiSteps.NewNumber(i % 2 == 0 ? '1' : '2');
            numbers.Add(n);
            await admin.RegisterPatent(ApiSteps.PatentBody(n, owner, title: $"电池 batch item {i}"));
        }
        numbers.Sort(StringComparer.Ordinal);

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await admin.SearchPage($"owner={owner}&q={Q("电池")}&limit=4" + (cursor is null ? "" : $"&cursor={cursor}"));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 4);
            seen.AddRange(items);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(numbers, seen);

        // An exact multiple of the limit ends without an empty page.
        var exact = await admin.SearchPage($"owner={owner}&limit=11");
        Assert.Equal(11, exact.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, exact.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Default_limit_is_20()
    {
        var owner = await app.CreateParty();
        var admin = app.Admin();
        for (var i = 0; i < 21; i++) await admin.RegisterPatent(ApiSteps.NewNumber(), owner);
        var page = await admin.SearchPage($"owner={owner}");
        Assert.Equal(20, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Search_needs_a_token()
    {
        await (await app.ClientWith(null).GetAsync($"/api/v1/patents?q={Q("电池")}")).ShouldBeProblem(401, "unauthenticated");
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("minValue=abc", "minValue")]
    [InlineData("minValue=-100", "minValue")]
    [InlineData("maxValue=1e6", "maxValue")]
    [InlineData("minValue=500&maxValue=100", "maxValue")]
    [InlineData("type=patent", "type")]
    [InlineData("type=UtilityModel", "type")]
    [InlineData("status=active", "status")]
    [InlineData("cursor=%21%21%21", "cursor")]
    [InlineData("cursor=a", "cursor")]
    [InlineData("cursor=AAAA", "cursor")]
    [InlineData("cursor=zzzz", "cursor")]
    [InlineData("cursor=aGVsbG8", "cursor")]
    [InlineData("q=%00", "q")]
    [InlineData("q=a%00b", "q")]
    [InlineData("ipc=H01M%00", "ipc")]
    [InlineData("owner=pty_%00", "owner")]
    public async Task Bad_query_parameters_are_400_naming_the_parameter(string query, string field)
    {
        await (await app.Admin().GetAsync($"/api/v1/patents?{query}")).ShouldBeProblem(400, "validation_failed", field);
    }

    [Fact]
    public async Task Too_many_or_too_long_keywords_are_refused()
    {
        var eleven = string.Join(' ', Enumerable.Range(0, 11).Select(i => "w" + i));
        await (await app.Admin().GetAsync($"/api/v1/patents?q={Q(eleven)}")).ShouldBeProblem(400, "validation_failed", "q");
        await (await app.Admin().GetAsync($"/api/v1/patents?q={new string('x', 101)}")).ShouldBeProblem(400, "validation_failed", "q");
    }

    [Fact]
    public async Task Odd_but_valid_queries_do_not_fail()
    {
        var admin = app.Admin();
        foreach (var query in new[] { $"q={Q("%_\\")}", $"q={Q("'; DROP TABLE patent_catalogue; --")}", $"ipc={Q("H01M%")}", $"owner={Q("' OR 1=1 --")}", $"ipc={Q("不是IPC")}" })
        {
            var page = await admin.SearchPage(query);
            Assert.Equal(JsonValueKind.Array, page.GetProperty("items").ValueKind);
        }
    }
}
