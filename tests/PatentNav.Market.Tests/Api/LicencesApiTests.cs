using PatentNav.Market.Grains.Common;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Bilateral licences through REST: grants, the §4 conflict rules, ownership, visibility.</summary>
public sealed class LicencesApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static DateOnly Today => MarketClock.System.Today;

    [Fact]
    public async Task A_licensor_grants_a_bilateral_licence_that_the_patent_records()
    {
        var licensor = await app.NewKey("company", "licensor");
        var licensee = await app.CreateParty();
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var start = new DateOnly(2026, 11, 30);

        var response = await app.Client(licensor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licensee, ["ZL" + number], "sole", territories: ["CN", "HK"], fieldsOfUse: ["储能"], start: start, ratePerUnit: "0.0125"));
        var licence = await response.ShouldBe(201);

        var id = licence.GetProperty("id").GetString()!;
        Assert.Matches("^lic_[0-9a-f]{16}$", id);
        Assert.Equal($"/api/v1/licences/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("bilateral", "sole", "active"), (licence.GetProperty("type").GetString(), licence.GetProperty("kind").GetString(), licence.GetProperty("status").GetString()));
        Assert.Equal([licensor.PartyId], licence.GetProperty("licensorIds").Strings());
        Assert.Equal(licensee, licence.GetProperty("licenseeId").GetString());
        Assert.Equal([number], licence.GetProperty("patents").Strings());
        Assert.Equal(["CN", "HK"], licence.GetProperty("scope").GetProperty("territories").Strings());
        Assert.Equal("2026-11-30", licence.GetProperty("scope").GetProperty("start").GetString());
        var terms = licence.GetProperty("terms");
        Assert.Equal(("CNY", "0.0125", 5_000_000L), (terms.GetProperty("currency").GetString(), terms.GetProperty("ratePerUnit").GetString(), terms.GetProperty("lumpSum").GetProperty("amount").GetInt64()));
        var filing = licence.GetProperty("cnipaFiling");
        Assert.Equal("2027-02-28", filing.GetProperty("dueOn").GetString()); // 3 months after 30 November
        Assert.False(filing.GetProperty("overdue").GetBoolean());

        var patent = await app.Admin().GetPatent(number);
        var recorded = Assert.Single(patent.GetProperty("licences").EnumerateArray());
        Assert.Equal((id, "sole", licensee), (recorded.GetProperty("licenceId").GetString(), recorded.GetProperty("kind").GetString(), recorded.GetProperty("licenseeId").GetString()));
    }

    [Fact]
    public async Task Exclusivity_is_enforced_across_licensees_territories_and_pools()
    {
        var licensor = await app.NewKey("company", "licensor");
        var (a, b) = (await app.CreateParty(), await app.CreateParty());
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var client = app.Client(licensor);
        var exclusive = (await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(a, [number], "exclusive", territories: ["CN"], fieldsOfUse: ["video"]))).ShouldBe(201)).GetProperty("id").GetString()!;

        // Overlapping: refused, naming the licence it collides with; nothing is recorded.
        var refused = await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(b, [number], territories: ["CN", "US"]))).ShouldBeProblem(409, "licence_conflict", "patents[0]");
        Assert.Contains(exclusive, refused.GetProperty("detail").GetString());
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(a, [number], "sole", territories: ["CN"]))).ShouldBeProblem(409, "licence_conflict");
        // Disjoint territory or field: granted.
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(b, [number], "sole", territories: ["US"]))).ShouldBe(201);
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(b, [number], territories: ["CN"], fieldsOfUse: ["audio"]))).ShouldBe(201);
        Assert.Equal(3, (await app.Admin().GetPatent(number)).GetProperty("licences").GetArrayLength());

        // A pool licenses everyone everywhere: an exclusive licence then collides with it; a non-exclusive one does not.
        var pooled = await app.Admin().NewPatent(licensor.PartyId);
        await app.Grains().GetGrain<Grains.Patents.IPatentGrain>(pooled).JoinPool("pool_conflict_test", [licensor.PartyId], Today);
        var withPool = await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(a, [pooled], "exclusive", territories: ["JP"]))).ShouldBeProblem(409, "licence_conflict", "patents[0]");
        Assert.Contains("pool_conflict_test", withPool.GetProperty("detail").GetString());
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(a, [pooled], territories: ["JP"]))).ShouldBe(201);
    }

    [Fact]
    public async Task A_sole_licence_admits_more_licences_to_its_licensee_only()
    {
        var licensor = await app.NewKey("company", "licensor");
        var (a, b) = (await app.CreateParty(), await app.CreateParty());
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var client = app.Client(licensor);
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(a, [number], "sole", start: new DateOnly(2026, 1, 1), end: new DateOnly(2026, 12, 31)))).ShouldBe(201);

        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(a, [number]))).ShouldBe(201);
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(b, [number], start: new DateOnly(2026, 12, 31)))).ShouldBeProblem(409, "licence_conflict");
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(b, [number], start: new DateOnly(2027, 1, 1)))).ShouldBe(201);
    }

    [Fact]
    public async Task A_pledged_patent_is_licensed_only_with_the_pledgees_consent()
    {
        var licensor = await app.NewKey("company", "licensor");
        var (licensee, bank) = (await app.CreateParty(), await app.CreateParty("银行", "bank"));
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var patent = app.Grains().GetGrain<Grains.Patents.IPatentGrain>(number);
        await patent.SetPledge(bank);

        await (await app.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [number])))
            .ShouldBeProblem(409, "pledgee_consent_required", "patents[0]");
        Assert.Empty((await patent.Get())!.Licences);

        await patent.RecordPledgeeConsent(bank, Grains.Licensing.ConsentPurpose.Licence, licensee);
        var granted = await (await app.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [number]))).ShouldBe(201);
        Assert.Equal(granted.GetProperty("id").GetString(), Assert.Single((await patent.Get())!.Licences).LicenceId);
    }

    [Fact]
    public async Task A_refusal_on_a_later_patent_revokes_the_grants_already_made_on_earlier_ones()
    {
        var licensor = await app.NewKey("company", "licensor");
        var (licensee, bank) = (await app.CreateParty(), await app.CreateParty("银行", "bank"));
        var free = await app.Admin().NewPatent(licensor.PartyId);
        var pledged = await app.Admin().NewPatent(licensor.PartyId);
        await app.Grains().GetGrain<Grains.Patents.IPatentGrain>(pledged).SetPledge(bank);

        await (await app.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [free, pledged])))
            .ShouldBeProblem(409, "pledgee_consent_required", "patents[1]");

        Assert.Empty((await app.Grains().GetGrain<Grains.Patents.IPatentGrain>(free).Get())!.Licences);
        Assert.Empty((await app.Grains().GetGrain<Grains.Patents.IPatentGrain>(pledged).Get())!.Licences);
    }

    [Fact]
    public async Task The_licensor_must_own_every_patent_and_nothing_is_granted_otherwise()
    {
        var licensor = await app.NewKey("company", "licensor");
        var (licensee, stranger) = (await app.CreateParty(), await app.CreateParty());
        var own = await app.Admin().NewPatent(licensor.PartyId);
        var others = await app.Admin().NewPatent(stranger);
        var coOwned = await app.Admin().NewPatent(licensor.PartyId, stranger);
        var client = app.Client(licensor);

        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [own, others]))).ShouldBeProblem(422, "not_owner", "patents[1]");
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [own, ApiSteps.NewNumber()]))).ShouldBeProblem(422, "unknown_patent", "patents[1]");
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [own, own]))).ShouldBeProblem(400, "duplicate_patent", "patents[1]");
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [coOwned], "exclusive"))).ShouldBeProblem(422, "co_owner_consent_required", "patents[0]");
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensor.PartyId, [own]))).ShouldBeProblem(422, "self_licence", "licenseeId");
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral("pty_0000000000000009", [own]))).ShouldBeProblem(422, "unknown_party", "licenseeId");
        Assert.Equal(0, (await app.Admin().GetPatent(own)).GetProperty("licences").GetArrayLength());

        // A co-owner may grant a non-exclusive licence alone.
        await (await client.PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee, [coOwned]))).ShouldBe(201);
    }

    [Fact]
    public async Task Licences_are_visible_to_their_parties_only()
    {
        var licensor = await app.NewKey("company", "licensor");
        var licensee = await app.NewKey("company", "licensee");
        var otherLicensee = await app.NewKey("company", "licensee");
        var otherLicensor = await app.NewKey("company", "licensor");
        var op = await app.NewKey("operating_center", "operator");
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var id = (await (await app.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee.PartyId, [number]))).ShouldBe(201)).GetProperty("id").GetString()!;

        foreach (var reader in new[] { licensor, licensee })
        {
            Assert.Equal(id, (await app.Client(reader).Licence(id)).GetProperty("id").GetString());
            Assert.Empty(await app.Client(reader).Invoices(id));
        }
        foreach (var stranger in new[] { otherLicensee, otherLicensor, op }) // a bilateral licence is no operating center's
        {
            await (await app.Client(stranger).GetAsync($"/api/v1/licences/{id}")).ShouldBeProblem(404, "licence_not_found");
            await (await app.Client(stranger).GetAsync($"/api/v1/licences/{id}/invoices")).ShouldBeProblem(404, "licence_not_found");
        }
        await (await app.Client(otherLicensee).Report(id, "2026-Q1", 10)).ShouldBeProblem(404, "licence_not_found");
        await (await app.Client(otherLicensor).Report(id, "2026-Q1", 10)).ShouldBeProblem(403, "forbidden"); // no licensee role
        await (await app.Client(licensor).Report(id, "2026-Q1", 10)).ShouldBeProblem(403, "forbidden");      // reads it, does not report
        await (await app.Client(licensee).GetAsync("/api/v1/licences/lic_0000000000000000")).ShouldBeProblem(404, "licence_not_found");
        await (await app.Client(licensee).GetAsync("/api/v1/licences/lic_%E2%80%AE")).ShouldBeProblem(404, "licence_not_found");
        await (await app.ClientWith(null).GetAsync($"/api/v1/licences/{id}")).ShouldBeProblem(401, "unauthenticated");
    }

    [Theory]
    [InlineData("{}", "licenseeId,kind,patents,scope,terms")]
    [InlineData("""{"licenseeId":"pty_1","patents":[null,"CN1"],"kind":"exclusive","scope":{"territories":["CN",null]},"terms":{"currency":"CNY","ratePerUnit":"0.00001","lumpSum":{"currency":"CNY"}}}""",
        "patents[0],patents[1],scope.territories[1],terms.ratePerUnit,terms.lumpSum.amount")]
    public async Task Missing_and_malformed_fields_are_named(string json, string fields)
    {
        var licensor = await app.NewKey("company", "licensor");
        var problem = await (await app.Client(licensor).SendRaw(HttpMethod.Post, "/api/v1/licences", json)).ShouldBeProblem(400, "validation_failed");
        Assert.Equal(fields.Split(',').Order(), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("""{"kind":"super_exclusive"}""", 400, "invalid_json", "kind")]
    [InlineData("""{"licenseeId":"pty_1","patents":["202010000001.1"],"kind":"sole","scope":{"territories":["China"]},"terms":{"currency":"CNY","ratePerUnit":"1"}}""", 400, "invalid_territory", "scope.territories[0]")]
    [InlineData("""{"licenseeId":"pty_1","patents":["202010000001.1"],"kind":"sole","scope":{"territories":["CN"],"start":"2026-02-01","end":"2026-01-01"},"terms":{"currency":"CNY","ratePerUnit":"1"}}""", 400, "invalid_period", "scope.end")]
    [InlineData("""{"licenseeId":"pty_1","patents":["202010000001.1"],"kind":"sole","scope":{"territories":["CN"],"start":"9999-12-31"},"terms":{"currency":"CNY","ratePerUnit":"1"}}""", 400, "invalid_date", "scope.start")]
    [InlineData("""{"licenseeId":"pty_1","patents":["202010000001.1"],"kind":"sole","scope":{"territories":["CN"]},"terms":{"currency":"RMB","ratePerUnit":"1"}}""", 400, "unknown_currency", "terms.currency")]
    [InlineData("""{"licenseeId":"pty_1","patents":["202010000001.1"],"kind":"sole","scope":{"territories":["CN"]},"terms":{"currency":"CNY"}}""", 400, "required", "terms.ratePerUnit")]
    [InlineData("""{"licenseeId":"pty_1","patents":["202010000001.1"],"kind":"sole","scope":{"territories":["CN"]},"terms":{"currency":"CNY","ratePerUnit":"1"},"royalty":1}""", 400, "invalid_json", "royalty")]
    [InlineData("""{"licenseeId":"pty_1","scope":{"start":"2026-13-01"}}""", 400, "invalid_json", "scope.start")]
    [InlineData("""{"licenseeId":""", 400, "malformed_json", null)]
    public async Task Bad_input_is_a_problem_never_a_500(string json, int status, string code, string? field)
    {
        var licensor = await app.NewKey("company", "licensor");
        await (await app.Client(licensor).SendRaw(HttpMethod.Post, "/api/v1/licences", json)).ShouldBeProblem(status, code, field);
    }

    [Fact]
    public async Task Only_licensor_keys_grant_bilateral_licences()
    {
        var licensee = await app.NewKey("company", "licensee");
        await (await app.Client(licensee).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee.PartyId, [ApiSteps.NewNumber()]))).ShouldBeProblem(403, "forbidden");
        await (await app.Admin().PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee.PartyId, [ApiSteps.NewNumber()]))).ShouldBeProblem(403, "forbidden");
    }
}
