using PatentNav.Market.Grains.Common;
using System.Text.Json;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

public sealed class PatentsApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static DateOnly Today => MarketClock.System.Today;

    [Fact]
    public async Task Operator_registers_a_patent_under_its_canonical_number()
    {
        var op = await app.NewKey("operating_center", "operator");
        var owner = await app.CreateParty("宁德时代新能源科技股份有限公司");
        var client = app.Client(op);
        Assert.Equal('3', PatentNumber.CheckDigit("201710601862"));

        var body = ApiSteps.PatentBody("ZL 201710601862.3", owner, ipc: ["h01m 10/052", "H01M10/052", "H01M 4/13"], grantDate: "2019-11-26", filingDate: "2017-07-25");
        var response = await client.PostJson("/api/v1/patents", body);
        var created = await response.ShouldBe(201);

        Assert.Equal("201710601862.3", created.GetProperty("number").GetString());
        Assert.Equal("/api/v1/patents/201710601862.3", response.Headers.Location?.OriginalString);
        Assert.Equal("invention", created.GetProperty("type").GetString());
        Assert.Equal("granted", created.GetProperty("status").GetString());
        Assert.Equal("2017-07-25", created.GetProperty("filingDate").GetString());
        Assert.Equal("2019-11-26", created.GetProperty("grantDate").GetString());
        Assert.Equal("2037-07-25", created.GetProperty("expiresOn").GetString());
        Assert.Equal(["H01M 10/052", "H01M 4/13"], created.GetProperty("ipc").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([owner], created.GetProperty("ownerIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("currentValuation").ValueKind);
        Assert.Equal(0, created.GetProperty("valuations").GetArrayLength());
        Assert.Equal(1, created.GetProperty("version").GetInt64());

        // Every accepted spelling reads the same patent.
        foreach (var spelling in new[] { "201710601862.3", "CN201710601862.3", "ZL201710601862.3", "ZL 201710601862.3", "2017106018623", "zl201710601862.3" })
        {
            var read = await client.GetPatent(spelling);
            Assert.Equal("201710601862.3", read.GetProperty("number").GetString());
            Assert.Equal(created.GetProperty("title").GetString(), read.GetProperty("title").GetString());
        }
    }

    [Theory]
    [InlineData('1', "invention", "2020-03-02", "2040-03-02")]
    [InlineData('8', "invention", "2020-03-02", "2040-03-02")]
    [InlineData('2', "utility_model", "2022-03-02", "2032-03-02")]
    [InlineData('9', "utility_model", "2022-03-02", "2032-03-02")]
    [InlineData('3', "design", "2021-05-31", "2031-05-31")]
    [InlineData('3', "design", "2021-06-01", "2036-06-01")]
    public async Task Type_comes_from_the_number_and_sets_the_term(char typeDigit, string type, string filingDate, string expiresOn)
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber(typeDigit, 2021);
        var created = await app.Admin().RegisterPatent(ApiSteps.PatentBody(number, owner, filingDate: filingDate, grantDate: null, status: "pending"));
        Assert.Equal(type, created.GetProperty("type").GetString());
        Assert.Equal(expiresOn, created.GetProperty("expiresOn").GetString());
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("grantDate").ValueKind);
    }

    [Fact]
    public async Task Declared_type_must_match_the_number()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber('2');
        var body = ApiSteps.PatentBody(number, owner);
        body["type"] = "utility_model";
        var created = await app.Admin().RegisterPatent(body);
        Assert.Equal("utility_model", created.GetProperty("type").GetString());

        var other = ApiSteps.NewNumber('2');
        body = ApiSteps.PatentBody(other, owner);
        body["type"] = "invention";
        await (await app.Admin().PostJson("/api/v1/patents", body)).ShouldBeProblem(400, "type_mismatch", "type");
        await app.Admin().ShouldNotBeRegistered(other);
    }

    [Fact]
    public async Task Foreign_numbers_need_a_type()
    {
        var owner = await app.CreateParty();
        var body = ApiSteps.PatentBody("US11223344B2", owner);
        await (await app.Admin().PostJson("/api/v1/patents", body)).ShouldBeProblem(400, "required", "type");
        await app.Admin().ShouldNotBeRegistered("US11223344B2");

        body["type"] = "invention";
        var created = await app.Admin().RegisterPatent(body);
        Assert.Equal("US11223344B2", created.GetProperty("number").GetString());
        Assert.Equal("invention", created.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Registering_twice_is_409_patent_exists()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        var admin = app.Admin();
        await admin.RegisterPatent(number, owner);

        var again = ApiSteps.PatentBody("CN" + number, owner, title: "Another title");
        await (await admin.PostJson("/api/v1/patents", again)).ShouldBeProblem(409, "patent_exists", "number");

        var read = await admin.GetPatent(number);
        Assert.Equal("一种锂离子电池负极材料及其制备方法", read.GetProperty("title").GetString());
        Assert.Single(await admin.History(number));
    }

    [Fact]
    public async Task Unknown_owner_is_422_naming_its_index()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        var body = ApiSteps.PatentBody(number, owner);
        body["ownerIds"] = new[] { "pty_0123456789abcdef" };
        await (await app.Admin().PostJson("/api/v1/patents", body)).ShouldBeProblem(422, "unknown_party", "ownerIds[0]");

        body["ownerIds"] = new[] { owner, "pty_0123456789abcdef" };
        await (await app.Admin().PostJson("/api/v1/patents", body)).ShouldBeProblem(422, "unknown_party", "ownerIds[1]");

        body["ownerIds"] = new[] { owner, owner };
        await (await app.Admin().PostJson("/api/v1/patents", body)).ShouldBeProblem(400, "duplicate_owner", "ownerIds[1]");

        body["ownerIds"] = Array.Empty<string>();
        await (await app.Admin().PostJson("/api/v1/patents", body)).ShouldBeProblem(400, "required", "ownerIds");
        await app.Admin().ShouldNotBeRegistered(number);
    }

    [Theory]
    [InlineData("lapsed")]
    [InlineData("invalidated")]
    [InlineData("expired")]
    public async Task A_patent_not_in_force_cannot_be_listed(string status)
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        await (await app.Admin().PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, status: status)))
            .ShouldBeProblem(422, "patent_not_in_force", "status");
        await app.Admin().ShouldNotBeRegistered(number);
    }

    [Fact]
    public async Task A_patent_past_its_term_cannot_be_listed()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber('2', 2010);
        await (await app.Admin().PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, filingDate: "2010-01-04", grantDate: "2011-02-01")))
            .ShouldBeProblem(422, "patent_not_in_force", "status");
        await app.Admin().ShouldNotBeRegistered(number);
    }

    [Fact]
    public async Task Dates_are_checked()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        var admin = app.Admin();
        var future = Today.AddDays(3).ToString("yyyy-MM-dd");
        await (await admin.PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, filingDate: future, grantDate: null, status: "pending")))
            .ShouldBeProblem(400, "date_in_future", "filingDate");
        await (await admin.PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, filingDate: "2020-03-02", grantDate: "2019-01-01")))
            .ShouldBeProblem(400, "invalid_grant_date", "grantDate");
        await (await admin.PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, grantDate: null, status: "granted")))
            .ShouldBeProblem(400, "required", "grantDate");
        await admin.ShouldNotBeRegistered(number);
    }

    [Fact]
    public async Task Invalid_ipc_symbol_names_its_index()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        await (await app.Admin().PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, ipc: ["H01M 10/052", "battery"])))
            .ShouldBeProblem(400, "invalid_ipc", "ipc[1]");
        await app.Admin().ShouldNotBeRegistered(number);
    }

    [Fact]
    public async Task Unknown_or_malformed_numbers_on_get()
    {
        var admin = app.Admin();
        await (await admin.GetAsync($"/api/v1/patents/{ApiSteps.NewNumber()}")).ShouldBeProblem(404, "patent_not_found");
        await (await admin.GetAsync($"/api/v1/patents/{ApiSteps.WithWrongCheckDigit(ApiSteps.NewNumber())}")).ShouldBeProblem(400, "invalid_patent_number", "number");
        await (await admin.GetAsync("/api/v1/patents/not-a-number")).ShouldBeProblem(400, "invalid_patent_number", "number");
        await (await admin.GetAsync($"/api/v1/patents/{ApiSteps.WithWrongCheckDigit(ApiSteps.NewNumber())}/history")).ShouldBeProblem(400, "invalid_patent_number", "number");
    }

    [Fact]
    public async Task Valuations_are_history_and_the_latest_effective_one_is_current()
    {
        var owner = await app.CreateParty();
        var appraiser = await app.CreateParty("中联资产评估集团", "appraiser");
        var number = ApiSteps.NewNumber();
        var admin = app.Admin();
        await admin.RegisterPatent(number, owner);

        var first = await (await admin.PostJson($"/api/v1/patents/{number}/valuations", new
        {
            value = new { amount = 1_250_000_00L, currency = "CNY" },
            method = "income",
            appraiserId = appraiser,
            effectiveDate = "2024-03-01",
            reportRef = "中联评报字[2024]第123号",
            scores = new { legal = 80, technical = 75, economic = 90 },
        })).ShouldBe(201);
        Assert.StartsWith("val_", first.GetProperty("id").GetString());
        Assert.Equal(1_250_000_00L, first.GetProperty("value").GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("value").GetProperty("amount").ValueKind);
        Assert.Equal("CNY", first.GetProperty("value").GetProperty("currency").GetString());
        Assert.Equal("income", first.GetProperty("method").GetString());
        Assert.Equal(appraiser, first.GetProperty("appraiserId").GetString());
        Assert.Equal("2024-03-01", first.GetProperty("effectiveDate").GetString());
        Assert.Equal(75, first.GetProperty("scores").GetProperty("technical").GetInt32());

        // Recorded later but effective earlier: kept, not current.
        await admin.AddValuation(number, 900_000_00, "2023-06-30", "cost");
        var patent = await admin.GetPatent(number);
        Assert.Equal(2, patent.GetProperty("valuations").GetArrayLength());
        Assert.Equal(first.GetProperty("id").GetString(), patent.GetProperty("currentValuation").GetProperty("id").GetString());

        var latest = await admin.AddValuation(number, 1_500_000_00, "2024-09-30", "market");
        patent = await admin.GetPatent(number);
        Assert.Equal(3, patent.GetProperty("valuations").GetArrayLength());
        Assert.Equal(latest.GetProperty("id").GetString(), patent.GetProperty("currentValuation").GetProperty("id").GetString());
        Assert.Equal(1_500_000_00L, patent.GetProperty("currentValuation").GetProperty("value").GetProperty("amount").GetInt64());
        Assert.Equal([1_250_000_00L, 900_000_00L, 1_500_000_00L],
            patent.GetProperty("valuations").EnumerateArray().Select(v => v.GetProperty("value").GetProperty("amount").GetInt64()));
    }

    [Fact]
    public async Task Invalid_valuations_are_refused_and_change_nothing()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        var admin = app.Admin();
        await admin.RegisterPatent(number, owner);
        var url = $"/api/v1/patents/{number}/valuations";
        var future = Today.AddDays(2).ToString("yyyy-MM-dd");

        await (await admin.PostJson(url, new { value = new { amount = 100L, currency = "XYZ" }, method = "cost", effectiveDate = "2024-01-01" }))
            .ShouldBeProblem(400, "unknown_currency", "value.currency");
        await (await admin.PostJson(url, new { value = new { amount = 0L, currency = "CNY" }, method = "cost", effectiveDate = "2024-01-01" }))
            .ShouldBeProblem(400, "invalid_amount", "value.amount");
        await (await admin.PostJson(url, new { value = new { amount = -5L, currency = "CNY" }, method = "cost", effectiveDate = "2024-01-01" }))
            .ShouldBeProblem(400, "invalid_amount", "value.amount");
        await (await admin.PostJson(url, new { value = new { amount = 100L, currency = "CNY" }, method = "cost", effectiveDate = future }))
            .ShouldBeProblem(400, "date_in_future", "effectiveDate");
        await (await admin.PostJson(url, new { value = new { amount = 100L, currency = "CNY" }, method = "cost", effectiveDate = "2024-01-01", scores = new { legal = 101, technical = 50, economic = 50 } }))
            .ShouldBeProblem(400, "invalid_score", "scores.legal");
        await (await admin.PostJson(url, new { value = new { amount = 100L, currency = "CNY" }, method = "cost", effectiveDate = "2024-01-01", appraiserId = "pty_0000000000000001" }))
            .ShouldBeProblem(422, "unknown_party", "appraiserId");
        await (await admin.PostJson(url, new { value = new { currency = "CNY" }, method = "cost" }))
            .ShouldBeProblem(400, "validation_failed", "value.amount");
        await (await admin.PostJson(url, new { method = "cost", effectiveDate = "2024-01-01" }))
            .ShouldBeProblem(400, "validation_failed", "value");
        await (await admin.SendRaw(HttpMethod.Post, url, """{"value":{"amount":12.5,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01"}"""))
            .ShouldBeProblem(400, "invalid_json", "value.amount");
        await (await admin.SendRaw(HttpMethod.Post, url, """{"value":{"amount":100,"currency":"CNY"},"method":"dcf","effectiveDate":"2024-01-01"}"""))
            .ShouldBeProblem(400, "invalid_json", "method");

        var patent = await admin.GetPatent(number);
        Assert.Equal(0, patent.GetProperty("valuations").GetArrayLength());
        Assert.Single(await admin.History(number));
    }

    [Fact]
    public async Task Valuing_an_unregistered_patent_is_404()
    {
        var number = ApiSteps.NewNumber();
        await (await app.Admin().PostJson($"/api/v1/patents/{number}/valuations", new { value = new { amount = 100L, currency = "CNY" }, method = "cost", effectiveDate = "2024-01-01" }))
            .ShouldBeProblem(404, "patent_not_found");
        await app.Admin().ShouldNotBeRegistered(number);
    }

    [Fact]
    public async Task The_holder_records_its_appraisers_valuations_and_no_one_else_does()
    {
        var holder = await app.NewKey("company", "licensor");
        var number = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(number, holder.PartyId);
        var appraiser = await app.NewKey("appraiser", "appraiser");
        var client = app.Client(holder);
        var url = $"/api/v1/patents/{number}/valuations";

        // Left out, no appraiser is named; named, the holder's appraiser.
        var own = await client.AddValuation(number, 300_000_00, "2024-05-01");
        Assert.False(own.TryGetProperty("appraiserId", out var none) && none.ValueKind == JsonValueKind.String);
        var named = await client.AddValuation(number, 310_000_00, "2024-05-02", appraiserId: appraiser.PartyId);
        Assert.Equal(appraiser.PartyId, named.GetProperty("appraiserId").GetString());

        // The appraiser itself, an operator, or another holder: not their patent (docs/TENANCY.md).
        var body = new { value = new { amount = 999L, currency = "CNY" }, method = "market", effectiveDate = "2024-05-03" };
        foreach (var other in new[] { appraiser, await app.NewKey("operating_center", "operator"), await app.NewKey("company", "licensor") })
            await (await app.Client(other).PostJson(url, body)).ShouldBeProblem(403, "forbidden");

        var patent = await client.GetPatent(number);
        Assert.Equal(2, patent.GetProperty("valuations").GetArrayLength());
        var history = await client.History(number);
        Assert.Equal(["Register", "AddValuation", "AddValuation"], history.Select(h => h.GetProperty("operation").GetString()));
        Assert.Equal(holder.Caller, history[1].GetProperty("caller").GetString());
    }

    [Fact]
    public async Task The_holder_updates_bibliographic_data()
    {
        var holder = await app.NewKey("company", "licensor");
        var owner = holder.PartyId;
        var buyer = await app.CreateParty("受让方有限公司");
        var number = ApiSteps.NewNumber();
        var op = await app.NewKey("operating_center", "operator");
        await app.Client(op).RegisterPatent(ApiSteps.PatentBody(number, owner, grantDate: null, status: "pending"));
        // An operator lists the patent; what it says is the holder's to change (docs/TENANCY.md).
        await (await app.Client(op).PatchJson($"/api/v1/patents/{number}", new { title = "Listed by the center" })).ShouldBeProblem(403, "forbidden");
        var client = app.Client(holder);

        var response = await client.PatchJson($"/api/v1/patents/{number}", new { title = "  Solid-state battery electrolyte  ", status = "granted", grantDate = "2023-08-01", ownerIds = new[] { owner, buyer } });
        var updated = await response.ShouldBe(200);
        Assert.Equal("Solid-state battery electrolyte", updated.GetProperty("title").GetString());
        Assert.Equal("granted", updated.GetProperty("status").GetString());
        Assert.Equal("2023-08-01", updated.GetProperty("grantDate").GetString());
        Assert.Equal([owner, buyer], updated.GetProperty("ownerIds").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("本发明公开了一种电池负极材料。", updated.GetProperty("abstract").GetString());
        Assert.Equal(["H01M 4/133"], updated.GetProperty("ipc").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(2, updated.GetProperty("version").GetInt64());

        // A patch that breaks a rule changes nothing, even the fields that were fine.
        await (await client.PatchJson($"/api/v1/patents/{number}", new { title = "Changed", ipc = new[] { "nonsense" } }))
            .ShouldBeProblem(400, "invalid_ipc", "ipc[0]");
        await (await client.PatchJson($"/api/v1/patents/{number}", new { title = "Changed", ownerIds = new[] { "pty_0000000000000002" } }))
            .ShouldBeProblem(422, "unknown_party", "ownerIds[0]");
        await (await client.PatchJson($"/api/v1/patents/{number}", new { ownerIds = new[] { buyer }, title = "   " }))
            .ShouldBeProblem(400, "required", "title");
        await (await client.PatchJson($"/api/v1/patents/{number}", new { grantDate = "2019-01-01" }))
            .ShouldBeProblem(400, "invalid_grant_date", "grantDate");
        var read = await client.GetPatent(number);
        Assert.Equal("Solid-state battery electrolyte", read.GetProperty("title").GetString());
        Assert.Equal([owner, buyer], read.GetProperty("ownerIds").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(2, read.GetProperty("version").GetInt64());

        // Lapsing is an update too.
        var lapsed = await (await client.PatchJson($"/api/v1/patents/{number}", new { status = "lapsed" })).ShouldBe(200);
        Assert.Equal("lapsed", lapsed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Updating_an_unregistered_patent_is_404()
    {
        var number = ApiSteps.NewNumber();
        await (await app.Admin().PatchJson($"/api/v1/patents/{number}", new { title = "x" })).ShouldBeProblem(404, "patent_not_found");
        await app.Admin().ShouldNotBeRegistered(number);
    }

    [Fact]
    public async Task History_lists_versions_operations_and_callers()
    {
        var holder = await app.NewKey("company", "licensor");
        var number = ApiSteps.NewNumber();
        var op = await app.NewKey("operating_center", "operator");
        await app.Client(op).RegisterPatent(number, holder.PartyId);
        await app.Client(holder).AddValuation(number, 100_000_00, "2024-01-01");
        await (await app.Admin().PatchJson($"/api/v1/patents/{number}", new { title = "第二版标题" })).ShouldBe(200);
        await app.Client(holder).AddValuation(number, 200_000_00, "2024-02-01");

        var response = await (await app.Admin().GetAsync($"/api/v1/patents/{number}/history")).ShouldBe(200);
        var items = response.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([1L, 2L, 3L, 4L], items.Select(i => i.GetProperty("version").GetInt64()));
        Assert.Equal(["Register", "AddValuation", "Update", "AddValuation"], items.Select(i => i.GetProperty("operation").GetString()));
        Assert.Equal([op.Caller, holder.Caller, "admin", holder.Caller], items.Select(i => i.GetProperty("caller").GetString()));
        // Each entry holds what its write changed: the title, not the valuations it left alone.
        Assert.Equal("第二版标题", items[2].GetProperty("changes").GetProperty("title").GetString());
        Assert.False(items[2].GetProperty("changes").TryGetProperty("valuations", out _));
        Assert.Equal(2, items[3].GetProperty("changes").GetProperty("valuations").GetArrayLength());
        Assert.Equal(number, items[0].GetProperty("changes").GetProperty("number").GetString()); // the first entry holds the whole state
        Assert.Equal(JsonValueKind.Null, response.GetProperty("nextAfter").ValueKind);
        Assert.True(items[0].GetProperty("recordedAt").GetDateTimeOffset() <= items[3].GetProperty("recordedAt").GetDateTimeOffset());

        // Paged.
        var page = await (await app.Admin().GetAsync($"/api/v1/patents/{number}/history?limit=2")).ShouldBe(200);
        Assert.Equal([1L, 2L], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt64()));
        var after = page.GetProperty("nextAfter").GetInt64();
        var rest = await (await app.Admin().GetAsync($"/api/v1/patents/{number}/history?after={after}&limit=2")).ShouldBe(200);
        Assert.Equal([3L, 4L], rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt64()));

        // Any key may read it; the patent's version matches the journal.
        var reader = await app.NewKey("company", "licensee");
        Assert.Equal(4, (await app.Client(reader).History(number)).Length);
        Assert.Equal(4, (await app.Client(reader).GetPatent(number)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Json_is_camel_case_with_snake_case_enums_and_iso_dates()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber('2');
        var admin = app.Admin();
        await admin.RegisterPatent(number, owner);
        await admin.AddValuation(number, 12_345_67, "2024-01-01");
        var text = await (await admin.GetAsync($"/api/v1/patents/{number}")).Content.ReadAsStringAsync();
        Assert.Contains("\"utility_model\"", text);
        Assert.Contains("\"filingDate\":\"2022-03-02\"", text);
        Assert.Contains("\"expiresOn\":\"2032-03-02\"", text);
        Assert.Contains("\"currentValuation\":{", text);
        Assert.Contains("\"amount\":1234567,\"currency\":\"CNY\"", text);
        Assert.DoesNotContain("\"Number\"", text);
    }
}
