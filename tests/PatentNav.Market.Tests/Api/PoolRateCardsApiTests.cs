using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Rate cards (versioned, immutable, guarded) and quotes (non-discriminatory, public).</summary>
public sealed class PoolRateCardsApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task Publishing_v1_then_v2_keeps_both_and_the_latest_effective_one_is_in_force()
    {
        var pool = await app.NewPool();
        var response = await app.Publish(pool, PoolSteps.AvcCard());
        var v1 = await response.ShouldBe(201);
        Assert.Equal($"{pool.Url}/rate-cards", response.Headers.Location?.OriginalString);
        var tiers = v1.GetProperty("categories")[0].GetProperty("tiers");
        Assert.Equal(["0", "20", "10"], tiers.EnumerateArray().Select(t => t.GetProperty("ratePerUnit").GetString()));
        Assert.Equal(JsonValueKind.Null, tiers[2].GetProperty("upTo").ValueKind);

        // v2 lowers the upper rate (10 → 9.5) from next month.
        var nextMonth = PoolSteps.Today.AddMonths(1);
        await (await app.Publish(pool, PoolSteps.AvcCard(2, nextMonth, upperRate: "9.5"))).ShouldBe(201);

        var cards = await app.RateCards(pool);
        Assert.Equal(1, cards.GetProperty("inForceVersion").GetInt32());
        Assert.Equal("USD", cards.GetProperty("currency").GetString());
        var items = cards.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([1, 2], items.Select(c => c.GetProperty("version").GetInt32()));
        Assert.Equal("9.5", items[1].GetProperty("categories")[0].GetProperty("tiers")[2].GetProperty("ratePerUnit").GetString());
        Assert.Equal(nextMonth.Iso(), items[1].GetProperty("effectiveFrom").GetString());
        Assert.Equal(2, (await app.ClientWith(null).GetPool(pool)).GetProperty("rateCards").GetArrayLength());
    }

    [Fact]
    public async Task Published_versions_are_immutable_and_numbered_in_sequence()
    {
        var pool = await app.NewPool();
        await (await app.Publish(pool, PoolSteps.AvcCard())).ShouldBe(201);
        var before = (await app.RateCards(pool)).GetProperty("items").ToString();

        await (await app.Publish(pool, PoolSteps.AvcCard(1, upperRate: "1"))).ShouldBeProblem(409, "version_conflict", "version");
        await (await app.Publish(pool, PoolSteps.AvcCard(3))).ShouldBeProblem(409, "version_conflict", "version");
        Assert.Equal(before, (await app.RateCards(pool)).GetProperty("items").ToString());
    }

    [Fact]
    public async Task The_guard_refuses_a_raise_over_20_percent_and_accepts_20_percent()
    {
        var pool = await app.NewPool();
        await (await app.Publish(pool, PoolSteps.AvcCard())).ShouldBe(201);

        await (await app.Publish(pool, PoolSteps.AvcCard(2, upperRate: "12.0001"))).ShouldBeProblem(422, "rate_increase_exceeds_limit", "categories[0].tiers[2].ratePerUnit");
        Assert.Equal(1, (await app.RateCards(pool)).GetProperty("items").GetArrayLength());
        await (await app.Publish(pool, PoolSteps.AvcCard(2, upperRate: "12"))).ShouldBe(201);
    }

    public static TheoryData<string, object?, int, string, string> BadCards => new()
    {
        { "effectiveFrom", "2020-01-01", 400, "effective_date_in_past", "effectiveFrom" },
        { "currency", "CNY", 400, "currency_mismatch", "currency" },
        { "currency", "XXX", 400, "currency_mismatch", "currency" },
        { "categories", new[] { new { code = "decoder", tiers = new[] { new { ratePerUnit = "1" } } }, new { code = "toaster", tiers = new[] { new { ratePerUnit = "1" } } } }, 400, "unknown_category", "categories[1].code" },
        { "categories", new[] { new { code = "decoder", tiers = new[] { new { ratePerUnit = "0.00001" } } } }, 400, "validation_failed", "categories[0].tiers[0].ratePerUnit" },
        { "categories", new[] { new { code = "decoder", tiers = new[] { new { ratePerUnit = 20 } } } }, 400, "invalid_json", "categories[0].tiers[0].ratePerUnit" },
        { "categories", Array.Empty<object>(), 400, "required", "categories" },
        { "categories", null, 400, "required", "categories" },
        { "version", null, 400, "validation_failed", "version" },
        { "version", 0, 400, "invalid_version", "version" },
        { "complianceDiscountBps", 10_001, 400, "invalid_bps", "complianceDiscountBps" },
        { "regionMultipliers", new[] { new { region = "R9", bps = 12_000 } }, 400, "invalid_bps", "regionMultipliers[0].bps" },
        { "enterpriseCap", -1, 400, "invalid_amount", "enterpriseCap" },
        { "rate", "1", 400, "invalid_json", "rate" },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task Bad_cards_are_problem_json_naming_the_field_and_publish_nothing(string field, object? value, int status, string code, string errorField)
    {
        var pool = await app.NewPool();
        var card = PoolSteps.AvcCard();
        card[field] = value;
        await (await app.Publish(pool, card)).ShouldBeProblem(status, code, errorField);
        Assert.Equal(0, (await app.RateCards(pool)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Quotes_are_public_avc_style_and_the_same_for_every_licensee()
    {
        var pool = await app.NewPool();
        var url = $"{pool.Url}/quote?category=decoder&region=US&units=1060000";
        await (await app.ClientWith(null).GetAsync(url)).ShouldBeProblem(422, "no_rate_card_in_force");
        await (await app.Publish(pool, PoolSteps.AvcCard())).ShouldBe(201);

        // 60 001..100 000 free; 100 001..1 060 000 = 960 000 × 20 ¢ = 19 200 000 ¢.
        var anonymous = await (await app.ClientWith(null).GetAsync(url)).ShouldBe(200);
        Assert.Equal((19_200_000, "USD", false, 1), (anonymous.GetProperty("amount").GetProperty("amount").GetInt64(),
            anonymous.GetProperty("amount").GetProperty("currency").GetString(), anonymous.GetProperty("compliant").GetBoolean(), anonymous.GetProperty("rateCardVersion").GetInt32()));

        // A licensee key counts as compliant: 10 % off. Two licensees, same inputs, same price.
        var first = await app.NewKey("company", "licensee");
        var second = await app.NewKey("university", "licensee");
        var q1 = await (await app.Client(first).GetAsync(url)).ShouldBe(200);
        var q2 = await (await app.Client(second).GetAsync(url)).ShouldBe(200);
        Assert.Equal(17_280_000, q1.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.True(q1.GetProperty("compliant").GetBoolean());
        Assert.Equal(q1.ToString(), q2.ToString());

        // Region R2 pays half; the annual cap applies above 92.7 M units; the free tier costs nothing.
        Assert.Equal(9_600_000, await Amount(null, $"{pool.Url}/quote?category=decoder&region=R2&units=1060000"));
        Assert.Equal(975_000_000, await Amount(null, $"{pool.Url}/quote?category=decoder&region=US&units=103060000"));
        Assert.Equal(0, await Amount(first, $"{pool.Url}/quote?category=decoder&region=US&units=100000"));

        // Other keys (and the admin) are quoted without the compliance discount.
        var op = await app.NewKey("operating_center", "operator");
        Assert.Equal(19_200_000, await Amount(op, url));
    }

    [Fact]
    public async Task A_quote_with_a_token_that_does_not_authenticate_is_401_not_an_anonymous_price()
    {
        var pool = await app.NewPool();
        await (await app.Publish(pool, PoolSteps.AvcCard())).ShouldBe(201);
        var response = await app.ClientWith("pnm_" + new string('A', 43)).GetAsync($"{pool.Url}/quote?category=decoder&region=US&units=10");
        await response.ShouldBeProblem(401, "unauthenticated");
    }

    [Theory]
    [InlineData("region=US&units=10", "category")]
    [InlineData("category=decoder&units=10", "region")]
    [InlineData("category=decoder&region=US", "units")]
    [InlineData("category=decoder&region=US&units=-1", "units")]
    public async Task Missing_or_bad_quote_parameters_name_the_field(string query, string field)
    {
        var pool = await app.NewPool();
        await (await app.ClientWith(null).GetAsync($"{pool.Url}/quote?{query}")).ShouldBeProblem(400, "validation_failed", field);
    }

    [Fact]
    public async Task Quote_parameters_of_the_wrong_type_or_an_unknown_category_name_the_field()
    {
        var pool = await app.NewPool();
        await (await app.Publish(pool, PoolSteps.AvcCard())).ShouldBe(201);
        await (await app.ClientWith(null).GetAsync($"{pool.Url}/quote?category=decoder&region=US&units=ten")).ShouldBeProblem(400, "invalid_parameter", "units");
        await (await app.ClientWith(null).GetAsync($"{pool.Url}/quote?category=encoder&region=US&units=10")).ShouldBeProblem(400, "unknown_category", "category");
    }

    private async Task<long> Amount(IssuedKey? key, string url)
    {
        var client = key is null ? app.ClientWith(null) : app.Client(key);
        return (await (await client.GetAsync(url)).ShouldBe(200)).GetProperty("amount").GetProperty("amount").GetInt64();
    }
}
