using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>§3 through REST: an exclusive licence of a co-owned patent needs a dated consent of every other co-owner, each by its own key.</summary>
public sealed class CoOwnerConsentApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static string Consents(string number) => $"/api/v1/patents/{number}/co-owner-consents";

    [Fact]
    public async Task An_exclusive_licence_is_granted_once_every_co_owner_consented_and_uses_the_consents_up()
    {
        var licensor = await app.NewKey("company", "licensor");
        var university = await app.NewKey("university", "licensor");
        var institute = await app.NewKey("research_institute", "licensor");
        var licensee = await app.CreateParty();
        var number = await app.Admin().NewPatent(licensor.PartyId, university.PartyId, institute.PartyId);
        var exclusive = LicenceSteps.Bilateral(licensee, [number], "exclusive");

        var none = await (await app.Client(licensor).PostJson("/api/v1/licences", exclusive)).ShouldBeProblem(422, "co_owner_consent_required", "patents[0]");
        Assert.Contains(university.PartyId, none.GetProperty("detail").GetString());

        var consent = await (await app.Client(university).PostJson(Consents(number), new { licenseeId = licensee })).ShouldBe(201);
        Assert.Equal((university.PartyId, licensee, PoolSteps.Today.Iso()),
            (consent.GetProperty("coOwnerId").GetString(), consent.GetProperty("licenseeId").GetString(), consent.GetProperty("givenOn").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, consent.GetProperty("usedFor").ValueKind);
        // Consenting again while unused returns the same consent.
        Assert.Equal(consent.Id(), (await (await app.Client(university).PostJson(Consents(number), new { licenseeId = licensee })).ShouldBe(201)).Id());

        // One co-owner of two is not enough; the refusal names the one missing.
        var one = await (await app.Client(licensor).PostJson("/api/v1/licences", exclusive)).ShouldBeProblem(422, "co_owner_consent_required", "patents[0]");
        Assert.Contains(institute.PartyId, one.GetProperty("detail").GetString());
        Assert.DoesNotContain(university.PartyId, one.GetProperty("detail").GetString());
        // A consent to another licensee does not count.
        await (await app.Client(institute).PostJson(Consents(number), new { licenseeId = await app.CreateParty() })).ShouldBe(201);
        await (await app.Client(licensor).PostJson("/api/v1/licences", exclusive)).ShouldBeProblem(422, "co_owner_consent_required", "patents[0]");

        await (await app.Client(institute).PostJson(Consents(number), new { licenseeId = licensee })).ShouldBe(201);
        var licence = await (await app.Client(licensor).PostJson("/api/v1/licences", exclusive)).ShouldBe(201);
        Assert.Equal("exclusive", licence.GetProperty("kind").GetString());

        var used = (await app.Admin().GetPatent(number)).GetProperty("coOwnerConsents").EnumerateArray()
            .Where(c => c.GetProperty("licenseeId").GetString() == licensee).ToList();
        Assert.Equal(2, used.Count);
        Assert.All(used, c => Assert.Equal(licence.Id(), c.GetProperty("usedFor").GetString()));
    }

    [Fact]
    public async Task Only_a_co_owner_consents_for_a_known_licensee_and_a_refusal_records_nothing()
    {
        var licensor = await app.NewKey("company", "licensor");
        var coOwner = await app.NewKey("university", "licensor");
        var stranger = await app.NewKey("company", "licensor");
        var licensee = await app.CreateParty();
        var coOwned = await app.Admin().NewPatent(licensor.PartyId, coOwner.PartyId);
        var sole = await app.Admin().NewPatent(licensor.PartyId);

        await (await app.Client(coOwner).PostJson(Consents(coOwned), new { })).ShouldBeProblem(400, "validation_failed", "licenseeId");
        await (await app.Client(coOwner).PostJson(Consents(coOwned), new { licenseeId = "pty_ffffffffffffffff" })).ShouldBeProblem(422, "unknown_party", "licenseeId");
        // A licensor that holds no share of the patent is refused by the tenancy rule before the grain is asked.
        await (await app.Client(stranger).PostJson(Consents(coOwned), new { licenseeId = licensee })).ShouldBeProblem(403, "forbidden");
        await (await app.Client(licensor).PostJson(Consents(sole), new { licenseeId = licensee })).ShouldBeProblem(422, "not_co_owner");
        await (await app.Client(coOwner).PostJson(Consents(ApiSteps.NewNumber()), new { licenseeId = licensee })).ShouldBeProblem(404, "patent_not_found");
        var financier = await app.NewKey("bank", "financier");
        await (await app.Client(financier).PostJson(Consents(coOwned), new { licenseeId = licensee })).ShouldBeProblem(403, "forbidden");

        Assert.Equal(0, (await app.Admin().GetPatent(coOwned)).GetProperty("coOwnerConsents").GetArrayLength());
        await (await app.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [coOwned], "exclusive"))).ShouldBeProblem(422, "co_owner_consent_required", "patents[0]");
    }
}
