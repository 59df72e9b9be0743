using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Willing licensees (§5): enrolment through the pool grain, refusals only for recorded objective reasons, most-favoured terms.</summary>
public sealed class PoolLicenseesTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static DateOnly Today => PoolSteps.Today;

    private async Task<TestPool> PoolWithCard(Action<Dictionary<string, object?>>? change = null)
    {
        var pool = await app.NewPool(change);
        await (await app.Publish(pool, PoolSteps.AvcCard())).ShouldBe(201);
        return pool;
    }

    [Fact]
    public async Task Any_registered_party_is_enrolled_on_the_card_in_force_and_listed_once_its_licence_is_stored()
    {
        var pool = await PoolWithCard();
        var licensee = await app.CreateParty();
        var grain = app.PoolGrain(pool.Id);

        var enrolment = await grain.EnrolLicensee("lic_pool_1", licensee, Today);
        Assert.Equal(new PoolEnrolment(pool.Id, "USD", 1, false, Today, pool.Administrator.PartyId), enrolment);
        Assert.Equal(enrolment, await grain.EnrolLicensee("lic_pool_1", licensee, Today));
        // The pool stores no enrolment: the licence does, with its row of the public list (one transaction).
        Assert.Empty((await app.ClientWith(null).GetPool(pool)).GetProperty("licensees").EnumerateArray());
        await app.Grains().GetGrain<ILicenceGrain>("lic_pool_1").CreatePool(new CreatePoolLicence(pool.Id, licensee, LicenceScope.Everything(Today)));

        // The licensee list is public.
        var listed = Assert.Single((await app.ClientWith(null).GetPool(pool)).GetProperty("licensees").EnumerateArray());
        Assert.Equal(("lic_pool_1", licensee, Today.Iso(), 1, false), (listed.GetProperty("licenceId").GetString(), listed.GetProperty("licenseeId").GetString(),
            listed.GetProperty("start").GetString(), listed.GetProperty("lockedRateCardVersion").GetInt32(), listed.GetProperty("royaltyFree").GetBoolean()));

        // One licence id is one licensee's: the licence grain refuses it for another, and the list is unchanged.
        var other = await app.CreateParty();
        var reused = await Assert.ThrowsAsync<DomainException>(() =>
            app.Grains().GetGrain<ILicenceGrain>("lic_pool_1").CreatePool(new CreatePoolLicence(pool.Id, other, LicenceScope.Everything(Today))));
        Assert.Equal(("licence_exists", ErrorKind.Conflict), (reused.Code, reused.Kind));
        Assert.Single((await app.ClientWith(null).GetPool(pool)).GetProperty("licensees").EnumerateArray());
    }

    [Fact]
    public async Task Members_are_royalty_free_unless_the_charter_says_same_as_licensees()
    {
        var crossLicence = await PoolWithCard();
        var member = await app.CreateParty();
        await app.AddMember(crossLicence, member);
        Assert.True((await app.PoolGrain(crossLicence.Id).EnrolLicensee("lic_member_1", member, Today)).RoyaltyFree);

        var sameTerms = await PoolWithCard(body => body["memberTerms"] = "same_as_licensees");
        await app.AddMember(sameTerms, member);
        Assert.False((await app.PoolGrain(sameTerms.Id).EnrolLicensee("lic_member_2", member, Today)).RoyaltyFree);
    }

    [Fact]
    public async Task Enrolment_needs_a_known_party_and_a_card_in_force_on_the_start_date()
    {
        var pool = await app.NewPool();
        var licensee = await app.CreateParty();
        var grain = app.PoolGrain(pool.Id);
        var none = await Assert.ThrowsAsync<DomainException>(() => grain.EnrolLicensee("lic_a", licensee, Today));
        Assert.Equal(("no_rate_card_in_force", ErrorKind.Unprocessable, "start"), (none.Code, none.Kind, none.Field));

        await (await app.Publish(pool, PoolSteps.AvcCard(effectiveFrom: Today.AddMonths(1)))).ShouldBe(201);
        Assert.Equal("no_rate_card_in_force", (await Assert.ThrowsAsync<DomainException>(() => grain.EnrolLicensee("lic_a", licensee, Today))).Code);
        Assert.Equal(1, (await grain.EnrolLicensee("lic_a", licensee, Today.AddMonths(1))).LockedRateCardVersion);

        var unknown = await Assert.ThrowsAsync<DomainException>(() => grain.EnrolLicensee("lic_b", "pty_ffffffffffffffff", Today.AddMonths(1)));
        Assert.Equal(("unknown_party", "licenseeId"), (unknown.Code, unknown.Field));
    }

    [Theory]
    [InlineData("uncured_breach")]
    [InlineData("invoices_unpaid_over90_days")]
    public async Task A_recorded_refusal_refuses_enrolment_with_its_reason_until_lifted(string reason)
    {
        var pool = await PoolWithCard();
        var refusedParty = await app.CreateParty();
        var client = app.Client(pool.Administrator);

        var response = await client.PostJson($"{pool.Url}/refusals", new { partyId = refusedParty, reason, note = "Q3 royalties unpaid" });
        var refusal = await response.ShouldBe(201);
        Assert.Equal((refusedParty, reason, "Q3 royalties unpaid"), (refusal.GetProperty("partyId").GetString(), refusal.GetProperty("reason").GetString(), refusal.GetProperty("note").GetString()));

        var grain = app.PoolGrain(pool.Id);
        var refused = await Assert.ThrowsAsync<DomainException>(() => grain.EnrolLicensee("lic_r1", refusedParty, Today));
        Assert.Equal((reason, ErrorKind.Conflict, "licenseeId"), (refused.Code, refused.Kind, refused.Field));

        // Nobody else is affected; lifting the refusal lets the party in.
        await grain.EnrolLicensee("lic_r2", await app.CreateParty(), Today);
        await (await client.DeleteAsync($"{pool.Url}/refusals/{refusedParty}/{reason}")).ShouldBe(204);
        await (await client.DeleteAsync($"{pool.Url}/refusals/{refusedParty}/{reason}")).ShouldBe(204);
        Assert.Equal(1, (await grain.EnrolLicensee("lic_r1", refusedParty, Today)).LockedRateCardVersion);
    }

    [Fact]
    public async Task Only_objective_reasons_about_known_parties_can_be_recorded_by_the_administrator()
    {
        var pool = await PoolWithCard();
        var party = await app.CreateParty();
        var client = app.Client(pool.Administrator);

        await (await client.PostJson($"{pool.Url}/refusals", new { partyId = party, reason = "discretionary" })).ShouldBeProblem(400, "invalid_json", "reason");
        await (await client.PostJson($"{pool.Url}/refusals", new { partyId = party })).ShouldBeProblem(400, "validation_failed", "reason");
        await (await client.PostJson($"{pool.Url}/refusals", new { partyId = "pty_ffffffffffffffff", reason = "uncured_breach" })).ShouldBeProblem(422, "unknown_party", "partyId");
        await (await client.PostJson($"{pool.Url}/refusals", new { partyId = party, reason = "uncured_breach", note = new string('x', 2_001) })).ShouldBeProblem(400, "too_long", "note");
        var otherOperator = await app.NewKey("operating_center", "operator");
        await (await app.Client(otherOperator).PostJson($"{pool.Url}/refusals", new { partyId = party, reason = "uncured_breach" })).ShouldBeProblem(403, "forbidden");
        await (await client.DeleteAsync($"{pool.Url}/refusals/{party}/uncured_breach")).ShouldBeProblem(404, "refusal_not_found");
        await (await client.DeleteAsync($"{pool.Url}/refusals/{party}/dislike")).ShouldBeProblem(400, "invalid_parameter", "reason");

        // None of that recorded anything.
        Assert.Equal(1, (await app.PoolGrain(pool.Id).EnrolLicensee("lic_ok", party, Today)).LockedRateCardVersion);
    }

    [Fact]
    public async Task A_licence_keeps_its_locked_terms_and_gets_every_later_reduction()
    {
        var pool = await PoolWithCard();
        var grain = app.PoolGrain(pool.Id);
        await grain.EnrolLicensee("lic_mfl", await app.CreateParty(), Today);
        Assert.Equal(1, (await grain.TermsFor(1, Today)).Version);

        // v2: the middle tier drops 20 → 18, the top tier rises 10 → 12 (within the 20 % guard).
        var v2 = PoolSteps.AvcCard(2, upperRate: "12");
        ((object[])v2["categories"]!)[0] = new
        {
            code = "decoder",
            tiers = new object[] { new { upTo = 100_000, ratePerUnit = "0" }, new { upTo = 5_000_000, ratePerUnit = "18" }, new { upTo = (long?)null, ratePerUnit = "12" } },
            annualCap = 975_000_000,
        };
        await (await app.Publish(pool, v2)).ShouldBe(201);

        var terms = await grain.TermsFor(1, Today);
        Assert.Equal(2, terms.Version);
        Assert.Equal([new Tier(100_000, 0), new Tier(5_000_000, 180_000), new Tier(null, 100_000)], terms.Categories[0].Tiers);
        var newcomer = await grain.EnrolLicensee("lic_new", await app.CreateParty(), Today);
        Assert.Equal(2, newcomer.LockedRateCardVersion);
        Assert.Equal(120_000, (await grain.TermsFor(2, Today)).Categories[0].Tiers[2].Rate);

        var missing = await Assert.ThrowsAsync<DomainException>(() => grain.TermsFor(9, Today));
        Assert.Equal(("rate_card_not_found", ErrorKind.NotFound), (missing.Code, missing.Kind));
    }
}
