using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Pool licences (§5): willing licensees, locked rate cards, refusals only for recorded reasons.</summary>
public sealed class PoolLicencesApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_willing_licensee_acquires_a_non_exclusive_pool_licence_and_a_replay_returns_the_same_one()
    {
        var pool = await market.NewPool();
        var holder = await market.Admin().NewKey("company", "licensor");
        var owner = holder.PartyId;
        var number = await market.Admin().NewPatent(owner);
        await (await market.Client(pool.Administrator).PostJson($"/api/v1/pools/{pool.Id}/members", new { partyId = owner })).ShouldBe(200);
        await (await market.Client(holder).PostJson($"/api/v1/pools/{pool.Id}/patents/{number}/agreement", new { })).ShouldBe(201);
        await (await market.Client(pool.Administrator).PostJson($"/api/v1/pools/{pool.Id}/patents", new { number })).ShouldBe(201);
        var licensee = await market.Admin().NewKey("company", "licensee");
        var client = market.Client(licensee);

        var response = await client.PostWithKey(pool.Licences, new { territories = new[] { "CN", "US" } }, "acquire-1");
        var licence = await response.ShouldBe(201);
        var text = await response.Content.ReadAsStringAsync();

        var id = licence.GetProperty("id").GetString()!;
        Assert.Equal(("pool", "non_exclusive", "active"), (licence.GetProperty("type").GetString(), licence.GetProperty("kind").GetString(), licence.GetProperty("status").GetString()));
        Assert.Equal((pool.Id, licensee.PartyId), (licence.GetProperty("poolId").GetString(), licence.GetProperty("licenseeId").GetString()));
        Assert.Equal([pool.Administrator.PartyId], licence.GetProperty("licensorIds").Strings());
        var terms = licence.GetProperty("terms");
        Assert.Equal(("USD", pool.Id, 1, false), (terms.GetProperty("currency").GetString(), terms.GetProperty("poolId").GetString(),
            terms.GetProperty("rateCardVersion").GetInt32(), terms.GetProperty("royaltyFree").GetBoolean()));
        Assert.Equal(market.Clock.Today.Iso(), licence.GetProperty("scope").GetProperty("start").GetString());
        Assert.Equal(market.Clock.Today.AddMonths(3).Iso(), licence.GetProperty("cnipaFiling").GetProperty("dueOn").GetString());

        // The same key and body: the same response, one enrolment.
        var replay = await client.PostWithKey(pool.Licences, new { territories = new[] { "CN", "US" } }, "acquire-1");
        Assert.Equal((201, text), ((int)replay.StatusCode, await replay.Content.ReadAsStringAsync()));
        await (await client.PostWithKey(pool.Licences, new { territories = new[] { "CN" } }, "acquire-1")).ShouldBeProblem(422, "idempotency_key_reused", "Idempotency-Key");
        var poolView = await (await client.GetAsync($"/api/v1/pools/{pool.Id}")).ShouldBe(200);
        Assert.Equal([id], poolView.GetProperty("licensees").EnumerateArray().Select(l => l.GetProperty("licenceId").GetString()));

        // Pool membership already stands for the pool's licensing on the patent: no per-patent grant.
        var patent = await market.Admin().GetPatent(number);
        Assert.Empty(patent.GetProperty("licences").EnumerateArray());
        Assert.Equal(pool.Id, Assert.Single(patent.GetProperty("pools").EnumerateArray()).GetProperty("poolId").GetString());
    }

    [Fact]
    public async Task A_refusal_needs_a_recorded_reason_and_comes_back_with_its_code()
    {
        var pool = await market.NewPool();
        var licensee = await market.Admin().NewKey("company", "licensee");
        await market.Grains.GetGrain<IPoolGrain>(pool.Id).RecordRefusal(licensee.PartyId, RefusalReason.UncuredBreach, "2029 audit");

        await (await market.Client(licensee).PostWithKey(pool.Licences, new { }, "refused")).ShouldBeProblem(409, "uncured_breach", "licenseeId");
        Assert.Empty((await (await market.Admin().GetAsync($"/api/v1/pools/{pool.Id}")).ShouldBe(200)).GetProperty("licensees").EnumerateArray());

        await market.Grains.GetGrain<IPoolGrain>(pool.Id).LiftRefusal(licensee.PartyId, RefusalReason.UncuredBreach);
        await (await market.Client(licensee).PostWithKey(pool.Licences, new { }, "after-lift")).ShouldBe(201);
    }

    [Fact]
    public async Task A_member_gets_a_royalty_free_cross_licence_whose_reports_produce_zero_invoices()
    {
        var pool = await market.NewPool();
        var member = await market.Admin().NewKey("company", "licensee");
        await (await market.Client(pool.Administrator).PostJson($"/api/v1/pools/{pool.Id}/members", new { partyId = member.PartyId })).ShouldBe(200);
        var id = await market.Acquire(pool, member);
        var client = market.Client(member);
        Assert.True((await client.Licence(id)).GetProperty("terms").GetProperty("royaltyFree").GetBoolean());

        var invoice = await (await client.Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), 50_000_000)).ShouldBe(201);
        Assert.Equal((0L, "USD", "paid"), (invoice.Amount(), invoice.GetProperty("amount").GetProperty("currency").GetString(), invoice.GetProperty("status").GetString()));
        await (await client.Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), 5, category: "tv")).ShouldBeProblem(400, "unknown_category", "category");
    }

    [Fact]
    public async Task Bad_acquisitions_are_problems_naming_the_field()
    {
        var pool = await market.NewPool();
        var licensee = market.Client(await market.Admin().NewKey("company", "licensee"));
        var key = () => Guid.NewGuid().ToString();

        await (await licensee.PostWithKey(pool.Licences, new { start = market.Clock.Today.AddDays(-1).Iso() }, key())).ShouldBeProblem(422, "no_rate_card_in_force", "start");
        await (await licensee.PostWithKey(pool.Licences, new { start = "9999-12-31" }, key())).ShouldBeProblem(400, "invalid_date", "start");
        await (await licensee.PostWithKey(pool.Licences, new { territories = new[] { "cn" } }, key())).ShouldBeProblem(400, "invalid_territory", "territories[0]");
        await (await licensee.PostWithKey(pool.Licences, new { territories = new string?[] { null } }, key())).ShouldBeProblem(400, "validation_failed", "territories[0]");
        await (await licensee.PostWithKey(pool.Licences, new { kind = "exclusive" }, key())).ShouldBeProblem(400, "invalid_json", "kind");
        await (await licensee.PostWithKey(pool.Licences, new { start = "tomorrow" }, key())).ShouldBeProblem(400, "invalid_json", "start");
        await (await licensee.PostWithKey("/api/v1/pools/pool_0000000000000000/licences", new { }, key())).ShouldBeProblem(404, "pool_not_found");
        await (await licensee.PostJson(pool.Licences, new { })).ShouldBeProblem(400, "idempotency_key_required", "Idempotency-Key");
        await (await market.Client(pool.Administrator).PostWithKey(pool.Licences, new { }, key())).ShouldBeProblem(403, "forbidden");
        Assert.Empty((await (await market.Admin().GetAsync($"/api/v1/pools/{pool.Id}")).ShouldBe(200)).GetProperty("licensees").EnumerateArray());
    }
}
