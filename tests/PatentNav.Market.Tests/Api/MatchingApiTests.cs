using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Listings, demands and matching (§10, docs/MATCHING.md) on PostgreSQL: a ranked match list with its reasons and
/// scores worked by hand, lifecycle refusals that change nothing, tenancy, feed entries exactly once, and a match
/// turned into a transfer in one idempotent call. The market's today is 2030-01-02.
/// </summary>
public sealed class MatchingApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private sealed record Cast(IssuedKey Holder, IssuedKey Buyer, IssuedKey Center, string P1, string P2, string P3);

    private async Task<Cast> Seed()
    {
        var admin = market.Admin();
        var holder = await admin.NewKey("company", "licensor");
        var buyer = await admin.NewKey("company", "licensee");
        var center = await admin.NewKey("operating_center", "operator");
        // P1: invention filed 2022-03-02, expires 2042-03-02 (more than 10 years left); P2 expires 2035-03-02.
        var p1 = await admin.Patent(holder.PartyId, "一种锂离子电池正极材料及其制备方法", "本发明公开了一种高镍正极材料，用于动力电池。", "H01M 4/525");
        var p2 = await admin.Patent(holder.PartyId, "固态电解质膜", "A solid-state electrolyte membrane for lithium batteries.", "H01M 10/0562", "2015-03-02", "2017-06-01");
        var p3 = await admin.Patent(holder.PartyId, "风力发电机叶片", "一种风力发电机的叶片结构。", "F03D 1/06");
        await admin.AddValuation(p1, 200_000_000, "2029-12-01");
        return new Cast(holder, buyer, center, p1, p2, p3);
    }

    private static object DemandBody(string? partyId = null, bool open = true) => new
    {
        partyId, title = "动力电池材料", ipcPrefixes = new[] { "H01M4", "H01M 10" }, keywords = new[] { "正极材料", "electrolyte membrane" },
        budget = MatchingSteps.Price(100_000_000, 200_000_000), region = "330000", dealTypes = new[] { "sale", "exclusive_licence" },
        validUntil = "2031-12-31", open,
    };

    [Fact]
    public async Task A_demand_gets_listings_ranked_by_the_worked_score_with_their_reasons()
    {
        var c = await Seed();
        var buyer = market.Client(c.Buyer);
        var demand = (await buyer.Demand(DemandBody())).Id();
        var holder = market.Client(c.Holder);
        var l1 = (await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(150_000_000, 250_000_000), region: "330100", title: "高镍正极材料转让"))).Id();
        var l2 = (await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P2], "exclusive_licence", royalty: new { minBps = 300, maxBps = 500 }, region: "440300"))).Id();
        await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3], "sale", MatchingSteps.Price(1, 2)));

        var matches = await (await buyer.GetAsync($"/api/v1/demands/{demand}/matches?limit=100")).ShouldBe(200);
        // Other tests of this class list in the same market: this cast's listings, in the order ranked.
        var items = matches.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("holderId").GetString() == c.Holder.PartyId).ToArray();
        Assert.True(items[0].GetProperty("rank").GetInt32() < items[1].GetProperty("rank").GetInt32());
        Assert.Equal([l1, l2], items.Select(i => i.GetProperty("listingId").GetString()));

        // L1: IPC 35 × 1/2 (H01M4 ⊇ H01M4/525, H01M10 none) + keywords 30 × 1/2 (正极材料 in title, abstract and description)
        //     + budget 15 (asking from 150 000 000 ≤ budget max 200 000 000) + region 10 (330000 ⊇ 330100)
        //     + legal 10 × 1 × min(1, 4442 days / 365.25 = 12.16 years ÷ 10) = 67.5
        var first = items[0];
        var s1 = first.GetProperty("score");
        Assert.Equal((67.5m, 17.5m, 15m, 15m, 10m, 10m, 0m), (s1.GetProperty("total").GetDecimal(), s1.GetProperty("ipc").GetDecimal(),
            s1.GetProperty("keywords").GetDecimal(), s1.GetProperty("budget").GetDecimal(), s1.GetProperty("region").GetDecimal(),
            s1.GetProperty("legalStatus").GetDecimal(), s1.GetProperty("encumbrances").GetDecimal()));
        var r1 = first.GetProperty("reasons");
        Assert.Equal("H01M4", r1.GetProperty("ipc")[0].GetProperty("prefix").GetString());
        Assert.Equal(["H01M4/525"], r1.GetProperty("ipc")[0].GetProperty("codes").Strings());
        Assert.Equal("正极材料", r1.GetProperty("keywords")[0].GetProperty("keyword").GetString());
        Assert.Equal(["title", "abstract", "description"], r1.GetProperty("keywords")[0].GetProperty("fields").Strings());
        Assert.Equal(["electrolyte membrane"], r1.GetProperty("keywordsMissed").Strings());
        Assert.Equal("within", r1.GetProperty("budget").GetProperty("verdict").GetString());
        Assert.Equal(200_000_000, r1.GetProperty("budget").GetProperty("valuation").GetProperty("amount").GetInt64());
        Assert.Equal("inside", r1.GetProperty("region").GetProperty("verdict").GetString());
        var standing = r1.GetProperty("patents")[0];
        Assert.Equal((c.P1, "granted", "2042-03-02", 12.16m), (standing.GetProperty("number").GetString(), standing.GetProperty("status").GetString(),
            standing.GetProperty("expiresOn").GetString(), standing.GetProperty("remainingYears").GetDecimal()));

        // L2: IPC 17.5 (H01M10 ⊇ H01M10/0562) + keywords 15 (electrolyte membrane in the abstract) + budget 0 (royalty only)
        //     + region 0 (440300 is not in 330000) + legal 10 × 1 × (1885 days / 365.25 = 5.16 years ÷ 10) = 5.16 → 37.66
        var second = items[1];
        Assert.Equal(37.66m, second.GetProperty("score").GetProperty("total").GetDecimal());
        Assert.Equal(5.16m, second.GetProperty("score").GetProperty("legalStatus").GetDecimal());
        var r2 = second.GetProperty("reasons");
        Assert.Equal(["abstract"], r2.GetProperty("keywords")[0].GetProperty("fields").Strings());
        Assert.Equal("no_price", r2.GetProperty("budget").GetProperty("verdict").GetString());
        Assert.Equal("outside", r2.GetProperty("region").GetProperty("verdict").GetString());

        // The listing's side: the holder sees the demand it fits, the budget only as a verdict.
        var fits = await (await holder.GetAsync($"/api/v1/listings/{l1}/matches")).ShouldBe(200);
        var fit = fits.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("demandId").GetString() == demand);
        Assert.Equal((c.Buyer.PartyId, 67.5m), (fit.GetProperty("partyId").GetString(), fit.GetProperty("score").GetProperty("total").GetDecimal()));
        Assert.False(fit.GetProperty("reasons").GetProperty("budget").TryGetProperty("budget", out var figures) && figures.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_newly_opened_listing_that_fits_an_open_demand_notifies_its_party_exactly_once()
    {
        var c = await Seed();
        var buyer = market.Client(c.Buyer);
        var demand = (await buyer.Demand(DemandBody())).Id();
        var holder = market.Client(c.Holder);
        var draft = (await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(150_000_000, 250_000_000), open: false))).Id();
        // Listings other tests of this class opened before the demand fit it too, and its opening told it of them
        // (MatchingFeedApiTests): only this cast's listings are counted here.
        Assert.DoesNotContain(await buyer.Feed(c.Buyer.PartyId), e => e.GetProperty("subject").GetString() == draft);

        await (await holder.PostJson($"/api/v1/listings/{draft}/open", new { })).ShouldBe(200);
        await (await holder.PostJson($"/api/v1/listings/{draft}/open", new { })).ShouldBe(200); // a no-op
        var unrelated = (await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3], "sale", MatchingSteps.Price(1, 2)))).Id();   // fits nothing
        await (await holder.PostJson($"/api/v1/listings/{draft}/withdraw", new { reason = "sold elsewhere" })).ShouldBe(200);

        var entries = (await buyer.Feed(c.Buyer.PartyId)).Where(e => e.GetProperty("kind").GetString() == "listing_fits_demand"
            && e.GetProperty("subject").GetString() is { } subject && (subject == draft || subject == unrelated)).ToArray();
        var entry = Assert.Single(entries);
        Assert.Equal((draft, demand), (entry.GetProperty("subject").GetString(), entry.GetProperty("detail").GetProperty("demandId").GetString()));
        await (await market.Client(c.Holder).GetAsync($"/api/v1/parties/{c.Buyer.PartyId}/feed")).ShouldBeProblem(403, "forbidden");
    }

    [Fact]
    public async Task Watches_see_registrations_valuations_and_licences_in_scope_once_each()
    {
        var c = await Seed();
        var watcher = await market.Admin().NewKey("company", "licensee");
        var client = market.Client(watcher);
        var byHolder = await (await client.PostJson($"/api/v1/parties/{watcher.PartyId}/watches", new { kind = "holder", value = c.Holder.PartyId })).ShouldBe(201);
        await (await client.PostJson($"/api/v1/parties/{watcher.PartyId}/watches", new { kind = "holder", value = c.Holder.PartyId })).ShouldBe(201); // the same watch
        await (await client.PostJson($"/api/v1/parties/{watcher.PartyId}/watches", new { kind = "keyword", value = "电解质" })).ShouldBe(201);
        await (await client.PostJson($"/api/v1/parties/{watcher.PartyId}/watches", new { kind = "ipc", value = "H01" })).ShouldBe(201);
        await (await client.PostJson($"/api/v1/parties/{watcher.PartyId}/watches", new { kind = "ipc", value = "X9" })).ShouldBeProblem(400, "invalid_ipc", "value");
        var listed = await (await client.GetAsync($"/api/v1/parties/{watcher.PartyId}/watches")).ShouldBe(200);
        Assert.Equal(3, listed.GetProperty("items").GetArrayLength());
        Assert.Empty(await client.Feed(watcher.PartyId)); // what happened before the watches is not replayed

        var admin = market.Admin();
        var other = (await admin.NewKey("company", "licensor")).PartyId;
        var watched = await admin.Patent(c.Holder.PartyId, "钠离子电池", "一种钠离子电池。", "H01M 10/054");
        var unrelated = await admin.Patent(other, "风力发电塔", "塔筒。", "F03D 13/20");
        var byKeyword = await admin.Patent(other, "硫化物电解质", "一种固态电解质。", "C01B 17/00");
        await admin.AddValuation(watched, 5_000_000, "2029-11-01");
        await (await market.Client(c.Holder).PostJson("/api/v1/licences", LicenceSteps.Bilateral(c.Buyer.PartyId, [watched]))).ShouldBe(201);
        await (await admin.PatchJson($"/api/v1/patents/{watched}", new { title = "钠离子电池（修订）" })).ShouldBe(200); // no event

        var feed = await client.Feed(watcher.PartyId);
        var kinds = feed.Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("subject").GetString())).ToList();
        Assert.Equal([("registration", watched), ("registration", byKeyword), ("valuation", watched), ("licence", watched)], kinds);
        Assert.DoesNotContain(feed, e => e.GetProperty("subject").GetString() == unrelated);
        Assert.Equal(byHolder.GetProperty("id").GetString(), feed[0].GetProperty("detail").GetProperty("watchId").GetString());

        // Paging: the cursor after the first two reads the rest, and a cursor at the end waits for what comes later.
        var page = await (await client.GetAsync($"/api/v1/parties/{watcher.PartyId}/feed?limit=2")).ShouldBe(200);
        var next = page.GetProperty("nextCursor").GetString();
        var rest = await (await client.GetAsync($"/api/v1/parties/{watcher.PartyId}/feed?cursor={next}")).ShouldBe(200);
        Assert.Equal(2, rest.GetProperty("items").GetArrayLength());
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/parties/{watcher.PartyId}/watches/{byHolder.Id()}"))).ShouldBe(200);
        // The holder watch is gone; the IPC watch (H01) still covers the patent, and now names itself.
        await admin.AddValuation(watched, 6_000_000, "2029-12-01");
        var last = (await client.Feed(watcher.PartyId))[^1];
        Assert.Equal(("valuation", "w3"), (last.GetProperty("kind").GetString(), last.GetProperty("detail").GetProperty("watchId").GetString()));
    }

    [Fact]
    public async Task Lifecycle_refusals_are_problems_and_change_nothing()
    {
        var c = await Seed();
        var holder = market.Client(c.Holder);
        var listing = await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3], "sale", MatchingSteps.Price(1, 2), open: false));
        var id = listing.Id();
        await (await holder.PostJson($"/api/v1/listings/{id}/withdraw", new { })).ShouldBe(200);
        var before = await (await holder.GetAsync($"/api/v1/listings/{id}")).ShouldBe(200);
        await (await holder.PostJson($"/api/v1/listings/{id}/open", new { })).ShouldBeProblem(409, "invalid_listing_state");
        var after = await (await holder.GetAsync($"/api/v1/listings/{id}")).ShouldBe(200);
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(["draft", "withdrawn"], after.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));

        // Bad input: nothing is created (a retry with the same key after fixing the body is a new request).
        await (await holder.PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale"), "no-terms"))
            .ShouldBeProblem(400, "required", "price");
        await (await holder.PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(5, 1)), "bad-range"))
            .ShouldBeProblem(400, "invalid_amount", "price.max");
        await (await holder.PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(1, 5), region: "990000"), "bad-region"))
            .ShouldBeProblem(400, "invalid_region", "region");
        await (await holder.PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(1, 5), validUntil: "2029-12-31"), "past"))
            .ShouldBeProblem(400, "invalid_date", "validUntil");
        var page = await (await holder.GetAsync($"/api/v1/listings?status=draft&holderId={c.Holder.PartyId}")).ShouldBe(200);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());

        // A lapsed patent cannot be listed; a licence over an exclusive licence collides (§4).
        var admin = market.Admin();
        await (await admin.PostJson($"/api/v1/patents/{c.P2}/end-of-force", new { status = "lapsed", date = "2029-06-01" })).ShouldBe(200);
        await (await holder.PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3, c.P2], "sale", MatchingSteps.Price(1, 5)), "lapsed"))
            .ShouldBeProblem(422, "patent_not_in_force", "patents[1]");
        await (await holder.PostJson("/api/v1/licences", LicenceSteps.Bilateral(c.Buyer.PartyId, [c.P1], "exclusive"))).ShouldBe(201);
        await (await holder.PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "non_exclusive_licence", royalty: new { minBps = 100, maxBps = 200 }), "conflict"))
            .ShouldBeProblem(409, "licence_conflict", "patents[0]");
        // A sale is allowed: the exclusive licence survives it and is flagged.
        var flagged = await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(1, 5)));
        Assert.Equal("exclusive_licence", flagged.GetProperty("encumbrances")[0].GetProperty("kind").GetString());

        // Expiry by the market clock: valid until today, expired tomorrow; opening it then is refused.
        var shortLived = (await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3], "sale", MatchingSteps.Price(1, 2), validUntil: market.Clock.Today.Iso(), open: false))).Id();
        market.Clock.SetToday(market.Clock.Today.AddDays(1));
        Assert.Equal("expired", (await (await holder.GetAsync($"/api/v1/listings/{shortLived}")).ShouldBe(200)).GetProperty("status").GetString());
        await (await holder.PostJson($"/api/v1/listings/{shortLived}/open", new { })).ShouldBeProblem(409, "listing_expired");
    }

    [Fact]
    public async Task A_demand_is_its_partys_own_and_listings_are_the_holders_or_its_centers()
    {
        var c = await Seed();
        var buyer = market.Client(c.Buyer);
        var demand = (await buyer.Demand(DemandBody(open: false))).Id();
        var stranger = await market.Admin().NewKey("company", "licensee");
        await (await market.Client(stranger).GetAsync($"/api/v1/demands/{demand}")).ShouldBeProblem(404, "demand_not_found");
        await (await market.Client(c.Holder).GetAsync($"/api/v1/demands/{demand}/matches")).ShouldBeProblem(404, "demand_not_found");
        await (await market.Client(stranger).PostWithKey("/api/v1/demands", DemandBody(c.Buyer.PartyId), "for-another")).ShouldBeProblem(403, "forbidden", "partyId");
        var mine = await (await buyer.GetAsync("/api/v1/demands")).ShouldBe(200);
        Assert.Equal([demand], mine.GetProperty("items").EnumerateArray().Select(d => d.Id()));
        Assert.Empty((await (await market.Client(stranger).GetAsync("/api/v1/demands")).ShouldBe(200)).GetProperty("items").EnumerateArray());

        // Another licensor cannot list the holder's patents; a center lists them naming itself, and then acts on the listing.
        var otherHolder = await market.Admin().NewKey("company", "licensor");
        await (await market.Client(otherHolder).PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(1, 2)), "x"))
            .ShouldBeProblem(403, "forbidden", "holderId");
        await (await market.Client(otherHolder).PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(otherHolder.PartyId, [c.P1], "sale", MatchingSteps.Price(1, 2)), "y"))
            .ShouldBeProblem(422, "not_owner", "patents[0]");
        // A center lists only for the members of its pools: not for the holder before it joins the center's pool.
        var center = market.Client(c.Center);
        await (await center.PostWithKey("/api/v1/listings", MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3], "sale", MatchingSteps.Price(1, 2), open: false, centerId: c.Center.PartyId), "not-a-member"))
            .ShouldBeProblem(403, "forbidden", "holderId");
        var pool = (await (await center.PostJson("/api/v1/pools", PoolSteps.PoolBody(c.Center.PartyId, currency: "CNY"))).ShouldBe(201)).Id();
        await (await center.PostJson($"/api/v1/pools/{pool}/members", new { partyId = c.Holder.PartyId })).ShouldBe(200);
        var byCenter = await center.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3], "sale", MatchingSteps.Price(1, 2), open: false, centerId: c.Center.PartyId));
        await (await market.Client(stranger).GetAsync($"/api/v1/listings/{byCenter.Id()}")).ShouldBeProblem(404, "listing_not_found"); // a draft
        await (await market.Client(otherHolder).PostJson($"/api/v1/listings/{byCenter.Id()}/open", new { })).ShouldBeProblem(404, "listing_not_found");
        await (await market.Client(c.Holder).PostJson($"/api/v1/listings/{byCenter.Id()}/open", new { })).ShouldBe(200);
        await (await market.Client(otherHolder).PostJson($"/api/v1/listings/{byCenter.Id()}/withdraw", new { })).ShouldBeProblem(403, "forbidden");
        await (await market.Client(stranger).GetAsync($"/api/v1/listings/{byCenter.Id()}")).ShouldBe(200); // open: public
        await (await center.PostJson($"/api/v1/listings/{byCenter.Id()}/withdraw", new { })).ShouldBe(200);
    }

    [Fact]
    public async Task A_match_becomes_a_transfer_in_one_idempotent_call()
    {
        var c = await Seed();
        var buyer = market.Client(c.Buyer);
        var demand = (await buyer.Demand(DemandBody())).Id();
        var holder = market.Client(c.Holder);
        var sale = (await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P1], "sale", MatchingSteps.Price(150_000_000, 250_000_000)))).Id();
        var unrelated = (await holder.List(MatchingSteps.ListingBody(c.Holder.PartyId, [c.P3], "sale", MatchingSteps.Price(1, 2)))).Id();
        var url = $"/api/v1/demands/{demand}/matches/{sale}/negotiation";

        await (await buyer.PostWithKey($"/api/v1/demands/{demand}/matches/{unrelated}/negotiation", new { centerId = c.Center.PartyId }, "n0"))
            .ShouldBeProblem(422, "not_a_match", "listingId");
        await (await buyer.PostWithKey(url, new { centerId = c.Center.PartyId, price = new { amount = 300_000_000, currency = "CNY" } }, "n1"))
            .ShouldBeProblem(422, "price_outside_asking", "price.amount");
        await (await buyer.PostWithKey(url, new { }, "n2")).ShouldBeProblem(400, "required", "centerId");

        var body = new { centerId = c.Center.PartyId, price = new { amount = 180_000_000, currency = "CNY" } };
        var opened = await (await buyer.PostWithKey(url, body, "n3")).ShouldBe(201);
        Assert.Equal("transfer", opened.GetProperty("kind").GetString());
        var transfer = opened.GetProperty("transfer");
        Assert.Equal((c.Holder.PartyId, c.Buyer.PartyId, 180_000_000L, c.Center.PartyId), (transfer.GetProperty("sellerId").GetString(),
            transfer.GetProperty("buyerId").GetString(), transfer.GetProperty("price").GetProperty("amount").GetInt64(), transfer.GetProperty("centerId").GetString()));
        Assert.Equal([c.P1], transfer.GetProperty("patents").Strings());
        Assert.Equal("matched", opened.GetProperty("listing").GetProperty("status").GetString());
        Assert.Equal("matched", opened.GetProperty("demand").GetProperty("status").GetString());

        var replay = await (await buyer.PostWithKey(url, body, "n3")).ShouldBe(201);
        Assert.Equal(transfer.GetProperty("id").GetString(), replay.GetProperty("transfer").GetProperty("id").GetString());
        // A new key answers the negotiation already recorded: no second transfer.
        var again = await (await buyer.PostWithKey(url, body, "n4")).ShouldBe(201);
        Assert.Equal(transfer.GetProperty("id").GetString(), again.GetProperty("transfer").GetProperty("id").GetString());
        var d = await (await buyer.GetAsync($"/api/v1/demands/{demand}")).ShouldBe(200);
        Assert.Equal(1, d.GetProperty("negotiations").GetArrayLength());
        await (await market.Client(c.Holder).PostWithKey(url, body, "n5")).ShouldBeProblem(404, "demand_not_found");
    }
}
