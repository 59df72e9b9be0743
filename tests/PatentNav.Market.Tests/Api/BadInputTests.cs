using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Bad requests are 4xx problem+json with a stable code and the offending field, never 500,
/// and nothing is written: the patent stays unregistered, its history and the search unchanged.
/// </summary>
public sealed class BadInputTests(MarketApp app) : IClassFixture<MarketApp>
{
    /// <summary>A valid registration body with NUMBER and OWNER placeholders and the rest of the fields after it.</summary>
    private const string Valid = """{"number":"NUMBER","title":"一种电池","abstract":"摘要","ipc":["H01M 4/13"],"filingDate":"2020-03-02","grantDate":"2022-05-10","status":"granted","ownerIds":["OWNER"]""";

    private async Task<(string Number, string Owner)> Fresh() => (ApiSteps.NewNumber(), await app.CreateParty());

    private async Task ShouldBeUntouched(string number, string owner)
    {
        var admin = app.Admin();
        await admin.ShouldNotBeRegistered(number);
        Assert.Empty(await admin.SearchNumbers($"owner={owner}"));
    }

    private async Task<JsonElement> PostRegistration(string template, string number, string owner, int status, string code, string? field)
    {
        var json = template.Replace("NUMBER", number).Replace("OWNER", owner);
        var response = await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/patents", json);
        var body = await response.ShouldBeProblem(status, code, field);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.StartsWith("urn:patentnav:problem:", body.GetProperty("type").GetString());
        return body;
    }

    [Theory]
    [InlineData(Valid + ",", "malformed_json")]
    [InlineData(Valid, "malformed_json")]
    [InlineData("""{"number":'NUMBER'}""", "malformed_json")]
    [InlineData("""{"number":"NUMBER" "title":"x"}""", "malformed_json")]
    [InlineData("not json at all NUMBER OWNER", "malformed_json")]
    [InlineData("""["NUMBER","OWNER"]""", "malformed_json")]
    [InlineData("\"NUMBER OWNER\"", "malformed_json")]
    [InlineData("null", "missing_body")]
    public async Task Malformed_json_is_400(string template, string code)
    {
        var (number, owner) = await Fresh();
        await PostRegistration(template, number, owner, 400, code, null);
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task Empty_body_is_400()
    {
        var (number, owner) = await Fresh();
        await (await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/patents", "")).ShouldBeProblem(400, "missing_body");
        await (await app.Admin().PostAsync("/api/v1/patents", null)).ShouldBeProblem(400, "missing_body");
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        var (number, owner) = await Fresh();
        var bytes = Encoding.UTF8.GetBytes((Valid + "}").Replace("NUMBER", number).Replace("OWNER", owner).Replace("一种电池", "TITLE"));
        var at = bytes.AsSpan().IndexOf("TITLE"u8);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await (await app.Admin().PostAsync("/api/v1/patents", content)).ShouldBeProblem(400, "invalid_json", "title");
        await ShouldBeUntouched(number, owner);
    }

    [Theory]
    [InlineData(""","title":123}""", "title")]
    [InlineData(""","title":["a"]}""", "title")]
    [InlineData(""","ownerIds":"OWNER"}""", "ownerIds")]
    [InlineData(""","ipc":[1]}""", "ipc[0]")]
    [InlineData(""","ipc":"H01M"}""", "ipc")]
    [InlineData(""","filingDate":"2020/03/02"}""", "filingDate")]
    [InlineData(""","filingDate":"2020-02-30"}""", "filingDate")]
    [InlineData(""","filingDate":20200302}""", "filingDate")]
    [InlineData(""","grantDate":true}""", "grantDate")]
    [InlineData(""","abstract":{"zh":"摘要"}}""", "abstract")]
    public async Task Wrong_json_types_name_the_field(string tail, string field)
    {
        var (number, owner) = await Fresh();
        // The property is taken out of the valid body and put back with a value of the wrong type.
        var name = tail[2..tail.IndexOf('"', 2)];
        var template = RemoveProperty(Valid + "}", name)[..^1] + tail;
        var body = await PostRegistration(template, number, owner, 400, "invalid_json", field);
        Assert.Single(body.GetProperty("errors").EnumerateObject());
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task The_number_must_be_a_string()
    {
        var (number, owner) = await Fresh();
        var json = RemoveProperty(Valid + "}", "number").Replace("{", $"{{\"number\":{number[..12]},");
        await PostRegistration(json, number, owner, 400, "invalid_json", "number");
        await ShouldBeUntouched(number, owner);
    }

    [Theory]
    [InlineData(""","inventor":"张三"}""", "inventor")]
    [InlineData(""","owner_ids":["x"]}""", "owner_ids")]
    [InlineData(""","extra":{"nested":1}}""", "extra")]
    public async Task Unknown_properties_are_refused(string tail, string field)
    {
        var (number, owner) = await Fresh();
        var body = await PostRegistration(Valid + tail, number, owner, 400, "invalid_json", field);
        Assert.Contains("Unknown property", body.GetProperty("errors").GetProperty(field)[0].GetString());
        await ShouldBeUntouched(number, owner);
    }

    [Theory]
    [InlineData("number")]
    [InlineData("title")]
    [InlineData("filingDate")]
    [InlineData("status")]
    [InlineData("ownerIds")]
    public async Task Missing_required_fields_are_400(string field)
    {
        var (number, owner) = await Fresh();
        await PostRegistration(RemoveProperty(Valid + "}", field), number, owner, 400, "validation_failed", field);
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task All_missing_fields_are_reported_at_once()
    {
        var body = await (await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/patents", "{}")).ShouldBeProblem(400, "validation_failed");
        var fields = body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["filingDate", "number", "ownerIds", "status", "title"], fields);
    }

    [Theory]
    [InlineData(""","title":null}""", "title")]
    [InlineData(""","title":"   "}""", "title")]
    [InlineData(""","number":null}""", "number")]
    [InlineData(""","number":""}""", "number")]
    public async Task Null_or_blank_required_fields_are_400(string tail, string field)
    {
        var (number, owner) = await Fresh();
        var name = tail[2..tail.IndexOf('"', 2)];
        await PostRegistration(RemoveProperty(Valid + "}", name)[..^1] + tail, number, owner, 400, "validation_failed", field);
        await ShouldBeUntouched(number, owner);
    }

    [Theory]
    [InlineData(""","status":"active"}""", "status")]
    [InlineData(""","status":"GRANTED_"}""", "status")]
    [InlineData(""","status":1}""", "status")]
    [InlineData(""","type":"utility"}""", "type")]
    [InlineData(""","type":0}""", "type")]
    public async Task Invalid_enums_are_400(string tail, string field)
    {
        var (number, owner) = await Fresh();
        var name = tail[2..tail.IndexOf('"', 2)];
        await PostRegistration(RemoveProperty(Valid + "}", name)[..^1] + tail, number, owner, 400, "invalid_json", field);
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task Wrong_check_digit_is_400_naming_number()
    {
        var (number, owner) = await Fresh();
        var wrong = ApiSteps.WithWrongCheckDigit(number);
        var body = await PostRegistration(Valid + "}", wrong, owner, 400, "validation_failed", "number");
        Assert.Contains(number, body.GetProperty("errors").GetProperty("number")[0].GetString());
        await ShouldBeUntouched(number, owner);
        await (await app.Admin().GetAsync($"/api/v1/patents/{wrong}")).ShouldBeProblem(400, "invalid_patent_number", "number");
    }

    [Theory]
    [InlineData("CN12345")]
    [InlineData("ZL2020512345678")]
    [InlineData("2020512345678.0")]
    [InlineData("12345")]
    [InlineData("专利201710601862.3")]
    public async Task Malformed_numbers_are_400_naming_number(string bad)
    {
        var owner = await app.CreateParty();
        await PostRegistration(Valid + "}", bad, owner, 400, "validation_failed", "number");
        Assert.Empty(await app.Admin().SearchNumbers($"owner={owner}"));
    }

    [Theory]
    [InlineData(""","ownerIds":[null]}""", "required", "ownerIds[0]")]
    [InlineData(""","ownerIds":[""]}""", "required", "ownerIds[0]")]
    [InlineData(""","ownerIds":["OWNER"," "]}""", "required", "ownerIds[1]")]
    [InlineData(""","ownerIds":["OWNER",null]}""", "required", "ownerIds[1]")]
    [InlineData(""","ownerIds":["pty_\u0000"]}""", "invalid_json", "ownerIds[0]")]
    [InlineData(""","ipc":[null]}""", "invalid_ipc", "ipc[0]")]
    [InlineData(""","ipc":["H01M\u0000"]}""", "invalid_json", "ipc[0]")]
    [InlineData(""","title":"电池\u0000"}""", "invalid_json", "title")]
    [InlineData(""","abstract":"a\u0000b"}""", "invalid_json", "abstract")]
    [InlineData(""","number":"NUMBER\u0000"}""", "invalid_json", "number")]
    [InlineData(""","title":"bad \ud800 surrogate"}""", "invalid_json", "title")]
    public async Task Nulls_and_unstorable_text_are_400(string tail, string code, string field)
    {
        var (number, owner) = await Fresh();
        var name = tail[2..tail.IndexOf('"', 2)];
        await PostRegistration(RemoveProperty(Valid + "}", name)[..^1] + tail, number, owner, 400, code, field);
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task Too_long_text_is_400()
    {
        var (number, owner) = await Fresh();
        await (await app.Admin().PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, title: new string('电', 501))))
            .ShouldBeProblem(400, "too_long", "title");
        await (await app.Admin().PostJson("/api/v1/patents", ApiSteps.PatentBody(number, owner, @abstract: new string('a', 10_001))))
            .ShouldBeProblem(400, "too_long", "abstract");
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task Deeply_nested_json_is_400()
    {
        var (number, owner) = await Fresh();
        var deep = new string('[', 200) + new string(']', 200);
        var response = await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/patents", (Valid + ",\"ipc\":" + deep + "}").Replace("NUMBER", number).Replace("OWNER", owner));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task Oversized_body_with_content_length_is_413()
    {
        var (number, owner) = await Fresh();
        // Valid in every other way: 1.1 MiB of whitespace inside the object.
        var json = (Valid + new string(' ', 1_100_000) + "}").Replace("NUMBER", number).Replace("OWNER", owner);
        var response = await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/patents", json);
        await response.ShouldBeProblem(413, "payload_too_large");
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task Oversized_chunked_body_is_413()
    {
        var (number, owner) = await Fresh();
        var json = (Valid + new string(' ', 1_100_000) + "}").Replace("NUMBER", number).Replace("OWNER", owner);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patents") { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json)) };
        request.Headers.TransferEncodingChunked = true;
        var response = await app.Admin().SendAsync(request);
        await response.ShouldBeProblem(413, "payload_too_large");
        await ShouldBeUntouched(number, owner);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        var (number, owner) = await Fresh();
        var json = (Valid + new string(' ', 1024 * 1024 - 400) + "}").Replace("NUMBER", number).Replace("OWNER", owner);
        Assert.True(Encoding.UTF8.GetByteCount(json) <= 1024 * 1024);
        await (await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/patents", json)).ShouldBe(201);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_on_every_write_endpoint()
    {
        var (number, owner) = await Fresh();
        var admin = app.Admin();
        await admin.RegisterPatent(number, owner);
        var padding = new string(' ', 1_100_000);
        await (await admin.SendRaw(HttpMethod.Patch, $"/api/v1/patents/{number}", "{\"title\":\"x\"" + padding + "}")).ShouldBeProblem(413, "payload_too_large");
        await (await admin.SendRaw(HttpMethod.Post, $"/api/v1/patents/{number}/valuations",
            "{\"value\":{\"amount\":100,\"currency\":\"CNY\"},\"method\":\"cost\",\"effectiveDate\":\"2024-01-01\"" + padding + "}")).ShouldBeProblem(413, "payload_too_large");
        await (await admin.SendRaw(HttpMethod.Post, "/api/v1/parties", "{\"name\":\"x\",\"kind\":\"company\"" + padding + "}")).ShouldBeProblem(413, "payload_too_large");
        Assert.Single(await admin.History(number));
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var (number, owner) = await Fresh();
        var json = (Valid + "}").Replace("NUMBER", number).Replace("OWNER", owner);
        var response = await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/patents", json, "text/plain");
        await response.ShouldBeProblem(415, "unsupported_media_type");
        await ShouldBeUntouched(number, owner);
    }

    [Theory]
    [InlineData("""{"title":"x","ipc":"H01M"}""", "invalid_json", "ipc")]
    [InlineData("""{"title":"x","status":"dormant"}""", "invalid_json", "status")]
    [InlineData("""{"title":"x","number":"201710601862.3"}""", "invalid_json", "number")]
    [InlineData("""{"title":"x","grantDate":"yesterday"}""", "invalid_json", "grantDate")]
    [InlineData("""{"title":"x",""", "malformed_json", null)]
    [InlineData("""{"title":"x","ownerIds":[]}""", "required", "ownerIds")]
    [InlineData("""{"title":"x","status":"granted","grantDate":null}""", null, null)]
    public async Task Bad_patches_change_nothing(string json, string? code, string? field)
    {
        var (number, owner) = await Fresh();
        var admin = app.Admin();
        await admin.RegisterPatent(ApiSteps.PatentBody(number, owner, grantDate: null, status: "pending"));
        var response = await admin.SendRaw(HttpMethod.Patch, $"/api/v1/patents/{number}", json);
        if (code is null) await response.ShouldBeProblem(400, "required", "grantDate");
        else await response.ShouldBeProblem(400, code, field);

        var patent = await admin.GetPatent(number);
        Assert.Equal("一种锂离子电池负极材料及其制备方法", patent.GetProperty("title").GetString());
        Assert.Equal("pending", patent.GetProperty("status").GetString());
        Assert.Equal(1, patent.GetProperty("version").GetInt64());
        Assert.Single(await admin.History(number));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&q=x"));
    }

    [Theory]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01",""", 400, "malformed_json", null)]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":cost,"effectiveDate":"2024-01-01"}""", 400, "malformed_json", null)]
    [InlineData("""{"value":100,"method":"cost","effectiveDate":"2024-01-01"}""", 400, "invalid_json", "value")]
    [InlineData("""{"value":{"amount":"lots","currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01"}""", 400, "invalid_json", "value.amount")]
    [InlineData("""{"value":{"amount":1e3,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01"}""", 400, "invalid_json", "value.amount")]
    [InlineData("""{"value":{"amount":99999999999999999999,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01"}""", 400, "invalid_json", "value.amount")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY","fx":1},"method":"cost","effectiveDate":"2024-01-01"}""", 400, "invalid_json", "value.fx")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01","scores":{"legal":"high","technical":1,"economic":1}}""", 400, "invalid_json", "scores.legal")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01","scores":{"legal":1}}""", 400, "validation_failed", "scores.technical")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01","scores":{}}""", 400, "validation_failed", "scores.legal")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01","reportRef":"R\u0000"}""", 400, "invalid_json", "reportRef")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01","appraiserId":"pty_\u0000"}""", 400, "invalid_json", "appraiserId")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01","appraiserId":""}""", 422, "unknown_party", "appraiserId")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-01-01","appraiserId":"  "}""", 422, "unknown_party", "appraiserId")]
    [InlineData("""{"value":{"amount":100,"currency":"cny"},"method":"cost","effectiveDate":"2024-01-01"}""", 400, "unknown_currency", "value.currency")]
    [InlineData("""{"value":{"amount":100,"currency":"CNY"},"method":"cost","effectiveDate":"2024-1-1"}""", 400, "invalid_json", "effectiveDate")]
    public async Task Bad_valuations_change_nothing(string json, int status, string code, string? field)
    {
        var (number, owner) = await Fresh();
        var admin = app.Admin();
        await admin.RegisterPatent(number, owner);
        await (await admin.SendRaw(HttpMethod.Post, $"/api/v1/patents/{number}/valuations", json)).ShouldBeProblem(status, code, field);

        Assert.Equal(0, (await admin.GetPatent(number)).GetProperty("valuations").GetArrayLength());
        Assert.Single(await admin.History(number));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&minValue=0"));
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("after=first", "after")]
    [InlineData("limit=1.5", "limit")]
    public async Task Bad_history_parameters_are_400(string query, string field)
    {
        var (number, owner) = await Fresh();
        await app.Admin().RegisterPatent(number, owner);
        await (await app.Admin().GetAsync($"/api/v1/patents/{number}/history?{query}")).ShouldBeProblem(400, "invalid_parameter", field);
    }

    [Theory]
    [InlineData("""{"name":"x\u0000","kind":"company"}""", "name")]
    [InlineData("""{"name":"x","kind":"company","country":"C\u0000"}""", "country")]
    [InlineData("""{"name":"x","kind":"company","creditCode":"\u0000"}""", "creditCode")]
    public async Task Unstorable_party_text_is_400(string json, string field)
    {
        await (await app.Admin().SendRaw(HttpMethod.Post, "/api/v1/parties", json)).ShouldBeProblem(400, "invalid_json", field);
    }

    [Fact]
    public async Task Unstorable_text_in_a_patch_changes_nothing()
    {
        var (number, owner) = await Fresh();
        var admin = app.Admin();
        await admin.RegisterPatent(number, owner);
        await (await admin.SendRaw(HttpMethod.Patch, $"/api/v1/patents/{number}", """{"title":"x\u0000"}""")).ShouldBeProblem(400, "invalid_json", "title");
        await (await admin.SendRaw(HttpMethod.Patch, $"/api/v1/patents/{number}", """{"ownerIds":[null]}""")).ShouldBeProblem(400, "required", "ownerIds[0]");
        await (await admin.SendRaw(HttpMethod.Patch, $"/api/v1/patents/{number}", """{"ownerIds":[""]}""")).ShouldBeProblem(400, "required", "ownerIds[0]");
        Assert.Single(await admin.History(number));
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems()
    {
        await (await app.Admin().GetAsync("/api/v1/nothing-here")).ShouldBeProblem(404, "not_found");
        await (await app.Admin().DeleteAsync($"/api/v1/patents/{ApiSteps.NewNumber()}")).ShouldBeProblem(405, "method_not_allowed");
    }

    private static string RemoveProperty(string json, string name)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(name);
        return node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>A body whose length is not known up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            this.bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
