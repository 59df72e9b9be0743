using System.Text.Json;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Steps the licence tests share, written against an admin <see cref="HttpClient"/> so they serve both fixtures.</summary>
public static class LicenceSteps
{
    public static async Task<string> NewParty(this HttpClient admin, string kind = "company")
    {
        var body = await (await admin.PostJson("/api/v1/parties", new { name = $"{kind} {Guid.NewGuid():N}", kind })).ShouldBe(201);
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<IssuedKey> NewKey(this HttpClient admin, string kind, params string[] roles)
    {
        var party = await admin.NewParty(kind);
        var body = await (await admin.PostJson($"/api/v1/parties/{party}/api-keys", new { roles })).ShouldBe(201);
        return new IssuedKey(party, body.GetProperty("keyId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>A granted patent owned by <paramref name="ownerIds"/>.</summary>
    public static async Task<string> NewPatent(this HttpClient admin, params string[] ownerIds)
    {
        var number = ApiSteps.NewNumber();
        var body = ApiSteps.PatentBody(number, ownerIds[0]);
        body["ownerIds"] = ownerIds;
        await admin.RegisterPatent(body);
        return number;
    }

    /// <summary>A bilateral licence body; tests change entries.</summary>
    public static Dictionary<string, object?> Bilateral(string licenseeId, string[] patents, string kind = "non_exclusive",
        string[]? territories = null, string[]? fieldsOfUse = null, DateOnly? start = null, DateOnly? end = null, string ratePerUnit = "20") => new()
    {
        ["licenseeId"] = licenseeId,
        ["patents"] = patents,
        ["kind"] = kind,
        ["scope"] = new { territories = territories ?? ["CN"], fieldsOfUse = fieldsOfUse ?? [], start = start?.Iso(), end = end?.Iso() },
        ["terms"] = new { currency = "CNY", ratePerUnit, lumpSum = new { amount = 50_000_00, currency = "CNY" } },
    };

    public static Task<HttpResponseMessage> PostWithKey(this HttpClient client, string url, object? body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body, options: MarketApp.Json),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Report(this HttpClient licensee, string licenceId, string period, long units,
        string category = "decoder", string region = "US", string? key = null) =>
        licensee.PostWithKey($"/api/v1/licences/{licenceId}/royalty-reports", new { period, category, region, units }, key ?? Guid.NewGuid().ToString());

    public static async Task<JsonElement[]> Invoices(this HttpClient client, string licenceId) =>
        [.. (await (await client.GetAsync($"/api/v1/licences/{licenceId}/invoices")).ShouldBe(200)).GetProperty("items").EnumerateArray()];

    public static async Task<JsonElement> Licence(this HttpClient client, string licenceId) =>
        await (await client.GetAsync($"/api/v1/licences/{licenceId}")).ShouldBe(200);

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Polls until <paramref name="condition"/> holds (reminders are delivered by a background poll).</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public static ReportingPeriod Quarter(DateOnly day) => ReportingPeriod.Containing(day);

    public static ReportingPeriod Previous(this ReportingPeriod period, int quarters = 1) =>
        ReportingPeriod.Containing(period.FirstDay.AddMonths(-3 * quarters));
}
