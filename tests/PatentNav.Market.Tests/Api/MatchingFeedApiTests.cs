using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// The feed of a demand recorded after a matching listing opened (docs/MATCHING.md, "The feed"): opening the demand adds
/// one <c>listing_fits_demand</c> entry per already-open listing it fits, under the key the listing's own write uses, so
/// every pair is notified exactly once whichever came first. Today is 2030-01-02.
/// </summary>
public sealed class MatchingFeedApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_demand_opened_after_a_listing_hears_of_it_once()
    {
        var admin = market.Admin();
        var holder = await admin.NewKey("company", "licensor");
        var buyer = await admin.NewKey("company", "licensee");
        var word = "feed" + Guid.NewGuid().ToString("N")[..8];
        var fits = await admin.Patent(holder.PartyId, $"一种储能电池管理 {word}", "电池管理系统。", "H02J 7/00");
        var other = await admin.Patent(holder.PartyId, "风力发电机叶片", "一种叶片。", "F03D 1/06");
        var h = market.Client(holder);
        var listing = (await h.List(MatchingSteps.ListingBody(holder.PartyId, [fits], "sale", MatchingSteps.Price(1_000, 2_000)))).Id();
        await h.List(MatchingSteps.ListingBody(holder.PartyId, [other], "sale", MatchingSteps.Price(1_000, 2_000)));
        var draftListing = (await h.List(MatchingSteps.ListingBody(holder.PartyId, [fits], "non_exclusive_licence", MatchingSteps.Price(1, 2), open: false))).Id();

        // The demand is recorded as a draft (no feed yet), then opened: one entry, for the open listing that fits only.
        var b = market.Client(buyer);
        var demand = (await b.Demand(new { keywords = new[] { word }, validUntil = "2031-12-31", open = false })).Id();
        Assert.Empty(await b.Feed(buyer.PartyId));
        await (await b.PostJson($"/api/v1/demands/{demand}/open", new { })).ShouldBe(200);
        var feed = await b.Feed(buyer.PartyId);
        var entry = Assert.Single(feed);
        Assert.Equal(("listing_fits_demand", listing, $"listing:{listing}:demand:{demand}"),
            (entry.GetProperty("kind").GetString(), entry.GetProperty("subject").GetString(), entry.GetProperty("eventKey").GetString()));
        Assert.Equal(demand, entry.GetProperty("detail").GetProperty("demandId").GetString());

        // Later writes of either side add nothing for the same pair: opening again, the listing written again.
        await (await b.PostJson($"/api/v1/demands/{demand}/open", new { })).ShouldBe(200);
        await (await h.PostJson($"/api/v1/listings/{listing}/open", new { })).ShouldBe(200);
        Assert.Single(await b.Feed(buyer.PartyId));
        // A listing that opens afterwards is notified by its own write, once.
        await (await h.PostJson($"/api/v1/listings/{draftListing}/open", new { })).ShouldBe(200);
        feed = await b.Feed(buyer.PartyId);
        Assert.Equal([listing, draftListing], feed.Select(f => f.GetProperty("subject").GetString()));
        await (await b.PostJson($"/api/v1/demands/{demand}/withdraw", new { })).ShouldBe(200);
        Assert.Equal(2, (await b.Feed(buyer.PartyId)).Length);
    }
}
