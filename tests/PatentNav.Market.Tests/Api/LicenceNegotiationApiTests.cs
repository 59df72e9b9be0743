using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Licence negotiations (docs/MATCHING.md, "Licence negotiation") through REST on PostgreSQL: a match with a licence listing
/// opens one with the licensee's pre-filled offer; counter-offers are versions; the awaited side's acceptance grants the
/// licence through the licence workflow, whose refusals (co-owner consent, conflicts) leave the negotiation unchanged.
/// Today is 2030-01-02.
/// </summary>
public sealed class LicenceNegotiationApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    internal sealed record Cast(IssuedKey Holder, IssuedKey Licensee, IssuedKey Center, string Patent);

    private Task<Cast> Seed(params string[] coOwners) => Seed(market, coOwners);

    internal static async Task<Cast> Seed(ClockedMarket market, params string[] coOwners)
    {
        var admin = market.Admin();
        var holder = await admin.NewKey("company", "licensor");
        var licensee = await admin.NewKey("company", "licensee");
        var center = await admin.NewKey("operating_center", "operator");
        var number = ApiSteps.NewNumber();
        var body = ApiSteps.PatentBody(number, holder.PartyId, title: "一种固态电池电解质", ipc: ["H01M 10/0562"]);
        body["ownerIds"] = new[] { holder.PartyId }.Concat(coOwners).ToArray();
        await admin.RegisterPatent(body);
        return new Cast(holder, licensee, center, number);
    }

    private static object Demand() => new { ipcPrefixes = new[] { "H01M10" }, dealTypes = new[] { "exclusive_licence", "non_exclusive_licence" }, validUntil = "2031-12-31", open = true };

    /// <summary>A listing of the holder's patent (asking 1 000 000–2 000 000 fen), the licensee's demand, and the negotiation opened from the match.</summary>
    private Task<(string Listing, string Demand, JsonElement Negotiation)> Open(Cast c, string dealType, object? body = null) => Open(market, c, dealType, body);

    internal static async Task<(string Listing, string Demand, JsonElement Negotiation)> Open(ClockedMarket market, Cast c, string dealType, object? body = null)
    {
        var listing = (await market.Client(c.Holder).List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.Patent], dealType, MatchingSteps.Price(1_000_000, 2_000_000)))).Id();
        var licensee = market.Client(c.Licensee);
        var demand = (await licensee.Demand(Demand())).Id();
        var opened = await (await licensee.PostWithKey($"/api/v1/demands/{demand}/matches/{listing}/negotiation", body ?? new { }, Guid.NewGuid().ToString())).ShouldBe(201);
        Assert.Equal("licence_negotiation", opened.GetProperty("kind").GetString());
        return (listing, demand, opened.GetProperty("licenceNegotiation"));
    }

    private static object Offer(int basedOn, long lumpSum, string? rate = null, string? side = null) => new
    {
        basedOnVersion = basedOn, scope = new { territories = new[] { "CN" }, fieldsOfUse = new[] { "储能系统" }, start = "2030-02-01" },
        terms = new { currency = "CNY", ratePerUnit = rate, lumpSum = new { amount = lumpSum, currency = "CNY" } }, side,
    };

    [Fact]
    public async Task Offers_are_versions_and_the_awaited_sides_acceptance_grants_the_licence_once()
    {
        var c = await Seed();
        var (listing, demand, n) = await Open(c, "exclusive_licence");
        var id = n.Id();
        Assert.StartsWith("neg_", id);
        // Version 1 is the licensee's, pre-filled from the listing: its territories and fields, from today, a lump sum of the asking maximum.
        var v1 = n.GetProperty("offers")[0];
        Assert.Equal((1, "licensee", "CN"), (v1.GetProperty("version").GetInt32(), v1.GetProperty("by").GetString(), v1.GetProperty("scope").GetProperty("territories")[0].GetString()));
        Assert.Equal(2_000_000, v1.GetProperty("terms").GetProperty("lumpSum").GetProperty("amount").GetInt64());
        Assert.Equal("2030-01-02", v1.GetProperty("scope").GetProperty("start").GetString());
        Assert.Equal("2030-02-01", v1.GetProperty("respondBy").GetString()); // 30 days
        Assert.Equal(("exclusive", "licensor", "open"), (n.GetProperty("kind").GetString(), n.GetProperty("awaitingSide").GetString(), n.GetProperty("status").GetString()));
        // An exclusive listing stays open while it is negotiated.
        Assert.Equal("open", (await (await market.Client(c.Holder).GetAsync($"/api/v1/listings/{listing}")).ShouldBe(200)).GetProperty("status").GetString());

        var holder = market.Client(c.Holder);
        var licensee = market.Client(c.Licensee);
        var url = $"/api/v1/licence-negotiations/{id}";
        // The holder counters (version 2): 1 800 000 fen and 15 fen per unit; a retry with its key is the same version.
        var key = Guid.NewGuid().ToString();
        var v2 = await (await holder.PostWithKey($"{url}/offers", Offer(1, 1_800_000, "15"), key)).ShouldBe(201);
        Assert.Equal(2, v2.GetProperty("currentVersion").GetInt32());
        Assert.Equal(2, (await (await holder.PostWithKey($"{url}/offers", Offer(1, 1_800_000, "15"), key)).ShouldBe(201)).GetProperty("offers").GetArrayLength());
        Assert.Equal("licensee", v2.GetProperty("awaitingSide").GetString());

        // Refused, nothing changed: a counter on a superseded version, accepting the old version, accepting one's own offer, a stranger.
        await (await licensee.PostWithKey($"{url}/offers", Offer(1, 1_500_000), Guid.NewGuid().ToString())).ShouldBeProblem(409, "offer_superseded", "basedOnVersion");
        await (await licensee.PostWithKey($"{url}/acceptance", new { version = 1 }, Guid.NewGuid().ToString())).ShouldBeProblem(409, "offer_superseded", "version");
        await (await holder.PostWithKey($"{url}/acceptance", new { version = 2 }, Guid.NewGuid().ToString())).ShouldBeProblem(409, "own_offer", "version");
        var stranger = await market.Admin().NewKey("company", "licensee");
        await (await market.Client(stranger).GetAsync(url)).ShouldBeProblem(404, "negotiation_not_found");
        await (await market.Client(stranger).PostWithKey($"{url}/acceptance", new { version = 2 }, Guid.NewGuid().ToString())).ShouldBeProblem(404, "negotiation_not_found");
        await (await market.Client(c.Center).GetAsync(url)).ShouldBeProblem(404, "negotiation_not_found"); // the listing names no center
        var unchanged = await (await licensee.GetAsync(url)).ShouldBe(200);
        Assert.Equal((2, "open", JsonValueKind.Null), (unchanged.GetProperty("currentVersion").GetInt32(), unchanged.GetProperty("status").GetString(), unchanged.GetProperty("licenceId").ValueKind));

        // The licensee accepts version 2: the licence is the holder's exclusive bilateral licence on those terms.
        var concluded = await (await licensee.PostWithKey($"{url}/acceptance", new { version = 2 }, Guid.NewGuid().ToString())).ShouldBe(200);
        Assert.Equal("concluded", concluded.GetProperty("status").GetString());
        var licenceId = concluded.GetProperty("licenceId").GetString()!;
        Assert.Equal("lic_" + id[4..], licenceId);
        var licence = await (await licensee.GetAsync($"/api/v1/licences/{licenceId}")).ShouldBe(200);
        Assert.Equal(("bilateral", "exclusive", c.Holder.PartyId, c.Licensee.PartyId), (licence.GetProperty("type").GetString(), licence.GetProperty("kind").GetString(),
            licence.GetProperty("licensorIds")[0].GetString(), licence.GetProperty("licenseeId").GetString()));
        Assert.Equal(1_800_000, licence.GetProperty("terms").GetProperty("lumpSum").GetProperty("amount").GetInt64());
        Assert.Equal("15", licence.GetProperty("terms").GetProperty("ratePerUnit").GetString());
        Assert.Equal("2030-02-01", licence.GetProperty("scope").GetProperty("start").GetString());
        // The exclusive listing is matched to the demand; accepting again answers the same licence; nothing more can be offered.
        var matched = await (await holder.GetAsync($"/api/v1/listings/{listing}")).ShouldBe(200);
        Assert.Equal(("matched", demand), (matched.GetProperty("status").GetString(), matched.GetProperty("matchedDemandId").GetString()));
        Assert.Equal(licenceId, (await (await licensee.PostWithKey($"{url}/acceptance", new { version = 2 }, Guid.NewGuid().ToString())).ShouldBe(200)).GetProperty("licenceId").GetString());
        await (await holder.PostWithKey($"{url}/offers", Offer(2, 1), Guid.NewGuid().ToString())).ShouldBeProblem(409, "invalid_negotiation_state", "status");
        await (await holder.PostJson($"{url}/withdrawal", new { })).ShouldBeProblem(409, "invalid_negotiation_state", "status");
    }

    [Fact]
    public async Task A_refusal_of_the_licence_rules_leaves_the_negotiation_open_and_a_declined_one_ends()
    {
        // Co-owned: an exclusive licence needs the co-owner's consent (§3). Accepting is refused by the licence workflow.
        var coOwner = await market.Admin().NewParty();
        var c = await Seed(coOwner);
        var (_, _, n) = await Open(c, "exclusive_licence");
        var url = $"/api/v1/licence-negotiations/{n.Id()}";
        var holder = market.Client(c.Holder);
        await (await holder.PostWithKey($"{url}/acceptance", new { version = 1 }, Guid.NewGuid().ToString())).ShouldBeProblem(422, "co_owner_consent_required");
        var still = await (await holder.GetAsync(url)).ShouldBe(200);
        Assert.Equal(("open", 1, JsonValueKind.Null), (still.GetProperty("status").GetString(), still.GetProperty("currentVersion").GetInt32(), still.GetProperty("licenceId").ValueKind));
        await (await holder.GetAsync($"/api/v1/licences/lic_{n.Id()[4..]}")).ShouldBeProblem(404, "licence_not_found");

        // The offer's maker cannot decline it; the holder (awaited) declines: final.
        await (await market.Client(c.Licensee).PostJson($"{url}/decline", new { })).ShouldBeProblem(409, "own_offer", "side");
        var declined = await (await holder.PostJson($"{url}/decline", new { reason = "共有人不同意独占许可" })).ShouldBe(200);
        Assert.Equal(("declined", "licensor"), (declined.GetProperty("status").GetString(), declined.GetProperty("closing").GetProperty("by").GetString()));
        await (await holder.PostJson($"{url}/decline", new { })).ShouldBe(200); // again: unchanged
        await (await market.Client(c.Licensee).PostWithKey($"{url}/offers", Offer(1, 1_000_000), Guid.NewGuid().ToString())).ShouldBeProblem(409, "invalid_negotiation_state");
    }

    [Fact]
    public async Task A_royalty_only_listing_needs_the_licensees_terms_and_the_center_acts_for_the_holder()
    {
        var c = await Seed();
        var admin = market.Admin();
        var center = market.Client(c.Center);
        var pool = (await (await center.PostJson("/api/v1/pools", PoolSteps.PoolBody(c.Center.PartyId, currency: "CNY"))).ShouldBe(201)).Id();
        await (await center.PostJson($"/api/v1/pools/{pool}/members", new { partyId = c.Holder.PartyId })).ShouldBe(200);
        var listing = (await center.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.Patent], "non_exclusive_licence", royalty: new { minBps = 300, maxBps = 500 },
            centerId: c.Center.PartyId))).Id();
        var licensee = market.Client(c.Licensee);
        var demand = (await licensee.Demand(Demand())).Id();
        var url = $"/api/v1/demands/{demand}/matches/{listing}/negotiation";
        await (await licensee.PostWithKey(url, new { }, Guid.NewGuid().ToString())).ShouldBeProblem(400, "required", "terms");
        Assert.Equal("open", (await (await licensee.GetAsync($"/api/v1/demands/{demand}")).ShouldBe(200)).GetProperty("status").GetString()); // nothing recorded
        var opened = await (await licensee.PostWithKey(url, new { terms = new { currency = "CNY", ratePerUnit = "12.5" } }, Guid.NewGuid().ToString())).ShouldBe(201);
        var n = opened.GetProperty("licenceNegotiation");
        Assert.Equal("12.5", n.GetProperty("offers")[0].GetProperty("terms").GetProperty("ratePerUnit").GetString());

        // The listing's center answers for the holder; the admin must say which side it acts for.
        var negotiation = $"/api/v1/licence-negotiations/{n.Id()}";
        await (await admin.PostWithKey($"{negotiation}/acceptance", new { version = 1 }, Guid.NewGuid().ToString())).ShouldBeProblem(400, "required", "side");
        var done = await (await center.PostWithKey($"{negotiation}/acceptance", new { version = 1 }, Guid.NewGuid().ToString())).ShouldBe(200);
        Assert.Equal(("concluded", "licensor"), (done.GetProperty("status").GetString(), done.GetProperty("closing").GetProperty("by").GetString()));
        var licence = await (await market.Client(c.Holder).GetAsync($"/api/v1/licences/{done.GetProperty("licenceId").GetString()}")).ShouldBe(200);
        Assert.Equal(("non_exclusive", "12.5"), (licence.GetProperty("kind").GetString(), licence.GetProperty("terms").GetProperty("ratePerUnit").GetString()));
    }
}

/// <summary>An offer not answered in 30 days: the negotiation is expired from day 31 (its own market: the clock only moves forward).</summary>
public sealed class LicenceNegotiationExpiryApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_negotiation_whose_offer_is_not_answered_in_30_days_expires()
    {
        var other = await LicenceNegotiationApiTests.Seed(market);
        var (listing, _, m) = await LicenceNegotiationApiTests.Open(market, other, "non_exclusive_licence");
        var otherUrl = $"/api/v1/licence-negotiations/{m.Id()}";
        market.Clock.SetToday(market.Clock.Today.AddDays(30));
        Assert.Equal("open", (await (await market.Client(other.Holder).GetAsync(otherUrl)).ShouldBe(200)).GetProperty("status").GetString()); // day 30: still open
        market.Clock.SetToday(market.Clock.Today.AddDays(1));
        Assert.Equal("expired", (await (await market.Client(other.Holder).GetAsync(otherUrl)).ShouldBe(200)).GetProperty("status").GetString());
        await (await market.Client(other.Holder).PostWithKey($"{otherUrl}/acceptance", new { version = 1 }, Guid.NewGuid().ToString()))
            .ShouldBeProblem(409, "negotiation_expired", "status");
        await (await market.Client(other.Holder).GetAsync($"/api/v1/licences/lic_{m.Id()[4..]}")).ShouldBeProblem(404, "licence_not_found");
        // A non-exclusive listing stays open to others throughout.
        Assert.Equal("open", (await (await market.Client(other.Holder).GetAsync($"/api/v1/listings/{listing}")).ShouldBe(200)).GetProperty("status").GetString());
    }
}
