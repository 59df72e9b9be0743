using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Open licences (开放许可, Patent Law arts. 50–52): publish a rate, accept it, get a non-exclusive licence.</summary>
public sealed class OpenLicenceApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static object Offer(string rate = "150", string[]? territories = null) =>
        new { terms = new { currency = "CNY", ratePerUnit = rate, lumpSum = new { amount = 10_000_00, currency = "CNY" } }, territories };

    private async Task<(string Number, IssuedKey Owner)> Published(string rate = "150")
    {
        var owner = await app.NewKey("university", "licensor");
        var number = await app.Admin().NewPatent(owner.PartyId);
        await (await app.Client(owner).PostJson($"/api/v1/patents/{number}/open-licence", Offer(rate))).ShouldBe(201);
        return (number, owner);
    }

    [Fact]
    public async Task The_owner_publishes_and_a_licensee_accepts_exactly_those_terms()
    {
        var (number, owner) = await Published();
        await (await app.ClientWith(null).GetAsync($"/api/v1/patents/{number}/open-licence")).ShouldBeProblem(401, "unauthenticated");
        var read = await (await app.Client(owner).GetAsync($"/api/v1/patents/CN{number}/open-licence")).ShouldBe(200);
        Assert.Equal((1, "150"), (read.GetProperty("version").GetInt32(), read.GetProperty("terms").GetProperty("ratePerUnit").GetString()));
        Assert.Equal(["CN"], read.GetProperty("territories").Strings());

        var licensee = await app.NewKey("company", "licensee");
        var response = await app.Client(licensee).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", new { version = 1 }, "accept-1");
        var licence = await response.ShouldBe(201);

        var id = licence.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/licences/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("bilateral", "non_exclusive"), (licence.GetProperty("type").GetString(), licence.GetProperty("kind").GetString()));
        Assert.Equal([owner.PartyId], licence.GetProperty("licensorIds").Strings());
        Assert.Equal(licensee.PartyId, licence.GetProperty("licenseeId").GetString());
        Assert.Equal([number], licence.GetProperty("patents").Strings());
        Assert.Equal(read.GetProperty("terms").GetRawText(), licence.GetProperty("terms").GetRawText());
        Assert.Equal(["CN"], licence.GetProperty("scope").GetProperty("territories").Strings());
        Assert.Equal((number, 1), (licence.GetProperty("openLicence").GetProperty("patentNumber").GetString(), licence.GetProperty("openLicence").GetProperty("offerVersion").GetInt32()));

        // Replaying the acceptance returns the same licence and grants nothing more.
        var replay = await (await app.Client(licensee).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", new { version = 1 }, "accept-1")).ShouldBe(201);
        Assert.Equal(id, replay.GetProperty("id").GetString());
        await (await app.Client(licensee).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", new { version = 2 }, "accept-1"))
            .ShouldBeProblem(422, "idempotency_key_reused");
        Assert.Equal([id], (await app.Admin().GetPatent(number)).GetProperty("licences").EnumerateArray().Select(l => l.GetProperty("licenceId").GetString()));

        // Anyone else may accept too (no body: the offer in force).
        var second = await app.NewKey("company", "licensee");
        await (await app.Client(second).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", null, "accept-2")).ShouldBe(201);
        var after = await (await app.Client(owner).GetAsync($"/api/v1/patents/{number}/open-licence")).ShouldBe(200);
        Assert.Equal(2, after.GetProperty("licenceIds").GetArrayLength());
    }

    [Fact]
    public async Task A_changed_offer_is_not_accepted_unseen_and_earlier_licences_keep_their_terms()
    {
        var (number, owner) = await Published("150");
        var first = await app.NewKey("company", "licensee");
        await (await app.Client(first).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", new { version = 1 }, "a")).ShouldBe(201);

        var republished = await (await app.Client(owner).PostJson($"/api/v1/patents/{number}/open-licence", Offer("120"))).ShouldBe(201);
        Assert.Equal(2, republished.GetProperty("version").GetInt32());

        var second = await app.NewKey("company", "licensee");
        await (await app.Client(second).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", new { version = 1 }, "b")).ShouldBeProblem(409, "offer_changed", "version");
        var licence = await (await app.Client(second).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", new { version = 2 }, "c")).ShouldBe(201);
        Assert.Equal("120", licence.GetProperty("terms").GetProperty("ratePerUnit").GetString());
    }

    [Fact]
    public async Task Acceptance_still_goes_through_the_patents_conflict_rules()
    {
        var (number, owner) = await Published();
        var exclusiveLicensee = await app.CreateParty();
        await (await app.Client(owner).PostJson("/api/v1/licences", LicenceSteps.Bilateral(exclusiveLicensee, [number], "exclusive", territories: ["CN"]))).ShouldBe(201);

        var licensee = await app.NewKey("company", "licensee");
        await (await app.Client(licensee).PostWithKey($"/api/v1/patents/{number}/open-licence/accept", null, "x")).ShouldBeProblem(409, "licence_conflict", "number");
        // And the owner cannot offer an open licence over an exclusive one.
        await (await app.Client(owner).PostJson($"/api/v1/patents/{number}/open-licence", Offer())).ShouldBeProblem(409, "licence_conflict", "number");
        await (await app.Client(owner).PostJson($"/api/v1/patents/{number}/open-licence", Offer(territories: ["US"]))).ShouldBe(201);
    }

    [Fact]
    public async Task Only_the_owner_publishes_and_only_published_offers_are_accepted()
    {
        var owner = await app.NewKey("company", "licensor");
        var stranger = await app.NewKey("company", "licensor");
        var licensee = await app.NewKey("company", "licensee");
        var number = await app.Admin().NewPatent(owner.PartyId);
        var url = $"/api/v1/patents/{number}/open-licence";

        await (await app.Client(stranger).PostJson(url, Offer())).ShouldBeProblem(403, "forbidden"); // not its patent (docs/TENANCY.md)
        await (await app.Client(licensee).PostJson(url, Offer())).ShouldBeProblem(403, "forbidden");
        await (await app.Client(owner).PostJson(url, new { terms = new { currency = "CNY" } })).ShouldBeProblem(400, "required", "terms.ratePerUnit");
        await (await app.Client(owner).PostJson(url, new { terms = new { currency = "CNY", ratePerUnit = "-1" } })).ShouldBeProblem(400, "validation_failed", "terms.ratePerUnit");
        await (await app.Client(owner).PostJson(url, Offer(territories: ["cn"]))).ShouldBeProblem(400, "invalid_territory", "territories[0]");
        await (await app.Client(owner).PostJson($"/api/v1/patents/{ApiSteps.NewNumber()}/open-licence", Offer())).ShouldBeProblem(404, "patent_not_found");
        await (await app.Client(owner).PostJson("/api/v1/patents/12345/open-licence", Offer())).ShouldBeProblem(400, "invalid_patent_number", "number");
        await (await app.Client(licensee).GetAsync(url)).ShouldBeProblem(404, "open_licence_not_found");
        await (await app.Client(licensee).PostWithKey($"{url}/accept", null, "y")).ShouldBeProblem(404, "open_licence_not_found");
        await (await app.Client(owner).PostWithKey($"{url}/accept", null, "z")).ShouldBeProblem(403, "forbidden");
    }
}
