using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Listings, demands, watches and feeds through the REST API.</summary>
public static class MatchingSteps
{
    public static async Task<string> Patent(this HttpClient admin, string ownerId, string title, string @abstract, string ipc,
        string filingDate = "2022-03-02", string grantDate = "2023-05-10")
    {
        var number = ApiSteps.NewNumber(year: int.Parse(filingDate[..4]));
        await admin.RegisterPatent(ApiSteps.PatentBody(number, ownerId, title, @abstract, [ipc], filingDate, grantDate));
        return number;
    }

    public static Dictionary<string, object?> ListingBody(string holderId, string[] patents, string dealType = "sale",
        object? price = null, object? royalty = null, string? region = null, string validUntil = "2031-06-30", bool open = true,
        string? centerId = null, string? title = null) => new()
    {
        ["holderId"] = holderId, ["centerId"] = centerId, ["patents"] = patents, ["dealType"] = dealType,
        ["price"] = price, ["royalty"] = royalty, ["region"] = region, ["validUntil"] = validUntil, ["open"] = open, ["title"] = title,
    };

    public static object Price(long min, long max, string currency = "CNY") => new { min, max, currency };

    public static async Task<JsonElement> List(this HttpClient client, Dictionary<string, object?> body) =>
        await (await client.PostWithKey("/api/v1/listings", body, Guid.NewGuid().ToString())).ShouldBe(201);

    public static async Task<JsonElement> Demand(this HttpClient client, object body) =>
        await (await client.PostWithKey("/api/v1/demands", body, Guid.NewGuid().ToString())).ShouldBe(201);

    public static async Task<JsonElement[]> Feed(this HttpClient client, string partyId) =>
        [.. (await (await client.GetAsync($"/api/v1/parties/{partyId}/feed?limit=100")).ShouldBe(200)).GetProperty("items").EnumerateArray()];
}
