using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>An API key as issued: the token is shown once; <see cref="Caller"/> is how the journal names it.</summary>
public sealed record IssuedKey(string PartyId, string KeyId, string Token)
{
    public string Caller => $"{PartyId}/{KeyId}";
}

/// <summary>Small steps the API tests share: parties, keys, patents, valuations, search, history.</summary>
public static class ApiSteps
{
    private static int _serial = Random.Shared.Next(1_000_000, 5_000_000);

    /// <summary>A fresh, valid Chinese number: year, type digit, 7-digit serial, dot, check digit.</summary>
    public static string NewNumber(char typeDigit = '1', int year = 2020)
    {
        var digits = $"{year:D4}{typeDigit}{Interlocked.Increment(ref _serial) % 10_000_000:D7}";
        return $"{digits}.{PatentNumber.CheckDigit(digits)}";
    }

    /// <summary>The same number with a check digit that does not match.</summary>
    public static string WithWrongCheckDigit(string number)
    {
        var digits = number[..number.IndexOf('.')];
        var right = PatentNumber.CheckDigit(digits);
        return $"{digits}.{(right == '0' ? '1' : '0')}";
    }

    // ---- parties and keys ----

    public static async Task<string> CreateParty(this MarketApp app, string name = "测试科技有限公司", string kind = "company")
    {
        var response = await app.Admin().PostAsJsonAsync("/api/v1/parties", new { name, kind }, MarketApp.Json);
        var body = await response.ShouldBe(201);
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<IssuedKey> IssueKey(this MarketApp app, string partyId, params string[] roles)
    {
        var response = await app.Admin().PostAsJsonAsync($"/api/v1/parties/{partyId}/api-keys", new { roles }, MarketApp.Json);
        var body = await response.ShouldBe(201);
        return new IssuedKey(partyId, body.GetProperty("keyId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>A new party of <paramref name="kind"/> with a key holding <paramref name="roles"/>.</summary>
    public static async Task<IssuedKey> NewKey(this MarketApp app, string kind, params string[] roles) =>
        await app.IssueKey(await app.CreateParty($"{kind} {Guid.NewGuid():N}", kind), roles);

    public static HttpClient Client(this MarketApp app, IssuedKey key) => app.ClientWith(key.Token);

    // ---- patents ----

    /// <summary>A valid registration body; tests change or remove entries to make it invalid.</summary>
    public static Dictionary<string, object?> PatentBody(
        string number, string ownerId, string title = "一种锂离子电池负极材料及其制备方法", string @abstract = "本发明公开了一种电池负极材料。",
        string[]? ipc = null, string filingDate = "2022-03-02", string? grantDate = "2023-05-10", string status = "granted")
    {
        var body = new Dictionary<string, object?>
        {
            ["number"] = number,
            ["title"] = title,
            ["abstract"] = @abstract,
            ["ipc"] = ipc ?? new[] { "H01M 4/133" },
            ["filingDate"] = filingDate,
            ["status"] = status,
            ["ownerIds"] = new[] { ownerId },
        };
        if (grantDate is not null) body["grantDate"] = grantDate;
        return body;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, MarketApp.Json);

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, MarketApp.Json);

    /// <summary>Sends <paramref name="json"/> exactly as written.</summary>
    public static Task<HttpResponseMessage> SendRaw(this HttpClient client, HttpMethod method, string url, string json, string mediaType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, mediaType) });

    public static async Task<JsonElement> RegisterPatent(this HttpClient client, Dictionary<string, object?> body) =>
        await (await client.PostJson("/api/v1/patents", body)).ShouldBe(201);

    public static Task<JsonElement> RegisterPatent(this HttpClient client, string number, string ownerId) =>
        client.RegisterPatent(PatentBody(number, ownerId));

    public static async Task<JsonElement> GetPatent(this HttpClient client, string number) =>
        await (await client.GetAsync($"/api/v1/patents/{Uri.EscapeDataString(number)}")).ShouldBe(200);

    public static async Task<JsonElement> AddValuation(
        this HttpClient client, string number, long amount, string effectiveDate, string method = "income", string? appraiserId = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["value"] = new { amount, currency = "CNY" },
            ["method"] = method,
            ["effectiveDate"] = effectiveDate,
        };
        if (appraiserId is not null) body["appraiserId"] = appraiserId;
        return await (await client.PostJson($"/api/v1/patents/{number}/valuations", body)).ShouldBe(201);
    }

    /// <summary>The journal entries of a patent (the first page, up to 200).</summary>
    public static async Task<JsonElement[]> History(this HttpClient client, string number) =>
        [.. (await (await client.GetAsync($"/api/v1/patents/{number}/history?limit=200")).ShouldBe(200)).GetProperty("items").EnumerateArray()];

    /// <summary>One search page.</summary>
    public static async Task<JsonElement> SearchPage(this HttpClient client, string query) =>
        await (await client.GetAsync($"/api/v1/patents?{query}")).ShouldBe(200);

    /// <summary>The numbers on the first page of a search (limit 100).</summary>
    public static async Task<List<string>> SearchNumbers(this HttpClient client, string query) =>
        [.. (await client.SearchPage(query + "&limit=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!)];

    /// <summary>Proof that nothing was written for <paramref name="number"/>: GET and history are 404.</summary>
    public static async Task ShouldNotBeRegistered(this HttpClient client, string number)
    {
        await (await client.GetAsync($"/api/v1/patents/{number}")).ShouldBeProblem(404, "patent_not_found");
        await (await client.GetAsync($"/api/v1/patents/{number}/history")).ShouldBeProblem(404, "patent_not_found");
    }
}
