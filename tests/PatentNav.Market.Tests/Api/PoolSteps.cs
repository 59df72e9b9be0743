using PatentNav.Market.Grains.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>A pool as the tests set it up: its id and the operator key of its administrator.</summary>
public sealed record TestPool(string Id, IssuedKey Administrator)
{
    public string Url => $"/api/v1/pools/{Id}";
}

/// <summary>Steps the pool API tests share.</summary>
public static class PoolSteps
{
    public static DateOnly Today => MarketClock.System.Today;

    public static string Iso(this DateOnly day) => day.ToString("yyyy-MM-dd");

    public static IGrainFactory Grains(this MarketApp app) => app.Services.GetRequiredService<IGrainFactory>();

    public static IPoolGrain PoolGrain(this MarketApp app, string id) => app.Grains().GetGrain<IPoolGrain>(id);

    /// <summary>A valid create body; tests change or remove entries to make it invalid.</summary>
    public static Dictionary<string, object?> PoolBody(string administratorId, string name = "AVC/H.264 专利池", string currency = "USD", string[]? categories = null) => new()
    {
        ["name"] = name,
        ["administratorId"] = administratorId,
        ["currency"] = currency,
        ["productCategories"] = categories ?? ["decoder", "encoder"],
        ["adminFeeBps"] = 1_500,
    };

    /// <summary>A new operating center with an operator key, and a pool it administers.</summary>
    public static async Task<TestPool> NewPool(this MarketApp app, Action<Dictionary<string, object?>>? change = null)
    {
        var op = await app.NewKey("operating_center", "operator");
        var body = PoolBody(op.PartyId);
        change?.Invoke(body);
        var created = await (await app.Client(op).PostJson("/api/v1/pools", body)).ShouldBe(201);
        return new TestPool(created.GetProperty("id").GetString()!, op);
    }

    public static async Task AddMember(this MarketApp app, TestPool pool, string partyId) =>
        await (await app.Client(pool.Administrator).PostJson($"{pool.Url}/members", new { partyId })).ShouldBe(200);

    /// <summary>The licensor keys of the holders <see cref="MemberPatent"/> created, by patent number, for their agreement to admissions.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IssuedKey> Holders = new();

    /// <summary>A granted patent owned by a new party (with a licensor key) that is a member of the pool.</summary>
    public static async Task<(string Number, string OwnerId)> MemberPatent(this MarketApp app, TestPool pool)
    {
        var owner = await app.NewKey("company", "licensor");
        var number = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(number, owner.PartyId);
        await app.AddMember(pool, owner.PartyId);
        Holders[number] = owner;
        return (number, owner.PartyId);
    }

    /// <summary>The licensor key of the holder of a patent <see cref="MemberPatent"/> made.</summary>
    public static IssuedKey Holder(string number) => Holders[number];

    /// <summary>A holder's agreement to the admission: the holder's own key when the test made it, else the admin acting for the holder.</summary>
    public static async Task AgreeToAdmission(this MarketApp app, TestPool pool, string number) =>
        await (await (Holders.TryGetValue(number, out var holder) ? app.Client(holder) : app.Admin())
            .PostJson($"{pool.Url}/patents/{number}/agreement", new { })).ShouldBe(201);

    /// <summary>The holder agrees, then the administrator admits (§5 and docs/TENANCY.md).</summary>
    public static async Task<HttpResponseMessage> Admit(this MarketApp app, TestPool pool, string number, object? essentialityOpinion = null)
    {
        if ((await app.Admin().GetAsync($"/api/v1/patents/{Uri.EscapeDataString(number)}")).IsSuccessStatusCode)
            await app.AgreeToAdmission(pool, number); // unregistered or malformed numbers go straight to the admission's refusal
        return await app.Client(pool.Administrator).PostJson($"{pool.Url}/patents", new { number, essentialityOpinion });
    }

    public static async Task<JsonElement> GetPool(this HttpClient client, TestPool pool) => await (await client.GetAsync(pool.Url)).ShouldBe(200);

    /// <summary>An AVC-style card: first 100 000 units free, "20" (0.20 USD) to 5 M, "10" above, capped, region R2 at half, 10 % compliance discount.</summary>
    public static Dictionary<string, object?> AvcCard(int version = 1, DateOnly? effectiveFrom = null, string upperRate = "10", string currency = "USD") => new()
    {
        ["version"] = version,
        ["currency"] = currency,
        ["effectiveFrom"] = (effectiveFrom ?? Today).Iso(),
        ["categories"] = new object[]
        {
            new
            {
                code = "decoder",
                tiers = new object[] { new { upTo = 100_000, ratePerUnit = "0" }, new { upTo = 5_000_000, ratePerUnit = "20" }, new { upTo = (long?)null, ratePerUnit = upperRate } },
                annualCap = 975_000_000,
            },
        },
        ["regionMultipliers"] = new object[] { new { region = "R2", bps = 5_000 } },
        ["complianceDiscountBps"] = 1_000,
    };

    public static Task<HttpResponseMessage> Publish(this MarketApp app, TestPool pool, object card) =>
        app.Client(pool.Administrator).PostJson($"{pool.Url}/rate-cards", card);

    public static async Task<JsonElement> RateCards(this MarketApp app, TestPool pool) =>
        await (await app.ClientWith(null).GetAsync($"{pool.Url}/rate-cards")).ShouldBe(200);
}
