using System.Net.Http.Json;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Admission (§5: granted, in force, owner a member, no exclusive/sole licence, pledgee consent, essentiality) and withdrawal.</summary>
public sealed class PoolPatentsApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task A_members_granted_patent_is_admitted_and_recorded_on_both_sides()
    {
        var pool = await app.NewPool();
        var (number, owner) = await app.MemberPatent(pool);

        var response = await app.Admit(pool, "ZL" + number);
        var admitted = await response.ShouldBe(201);
        Assert.Equal((number, owner, PoolSteps.Today.Iso()),
            (admitted.GetProperty("number").GetString(), admitted.GetProperty("ownerMemberId").GetString(), admitted.GetProperty("admittedOn").GetString()));

        var read = await app.ClientWith(null).GetPool(pool);
        Assert.Equal(number, Assert.Single(read.GetProperty("patents").EnumerateArray()).GetProperty("number").GetString());
        var membership = Assert.Single((await app.Admin().GetPatent(number)).GetProperty("pools").EnumerateArray());
        Assert.Equal(pool.Id, membership.GetProperty("poolId").GetString());

        await (await app.Admit(pool, number)).ShouldBeProblem(409, "patent_already_pooled", "number");
        Assert.Single((await app.ClientWith(null).GetPool(pool)).GetProperty("patents").EnumerateArray());
    }

    [Fact]
    public async Task A_patent_whose_owner_is_not_a_member_is_refused()
    {
        var pool = await app.NewPool();
        var outsider = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(number, outsider);

        await (await app.Admit(pool, number)).ShouldBeProblem(422, "owner_not_member", "number");
        await ShouldNotBePooled(pool, number);
    }

    [Fact]
    public async Task A_patent_that_is_not_granted_is_refused()
    {
        var pool = await app.NewPool();
        var owner = await app.CreateParty();
        await app.AddMember(pool, owner);
        var number = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(ApiSteps.PatentBody(number, owner, grantDate: null, status: "pending"));

        await (await app.Admit(pool, number)).ShouldBeProblem(422, "patent_not_granted", "number");
        await ShouldNotBePooled(pool, number);

        await (await app.Admin().PatchJson($"/api/v1/patents/{number}", new { status = "lapsed", grantDate = "2023-05-10" })).ShouldBe(200);
        await (await app.Admit(pool, number)).ShouldBeProblem(422, "patent_not_in_force", "number");
        await ShouldNotBePooled(pool, number);
    }

    [Fact]
    public async Task Unknown_and_malformed_numbers_are_refused()
    {
        var pool = await app.NewPool();
        await (await app.Admit(pool, ApiSteps.NewNumber())).ShouldBeProblem(404, "patent_not_found");
        await (await app.Admit(pool, ApiSteps.WithWrongCheckDigit(ApiSteps.NewNumber()))).ShouldBeProblem(400, "validation_failed", "number");
        await (await app.Client(pool.Administrator).PostJson($"{pool.Url}/patents", new { })).ShouldBeProblem(400, "validation_failed", "number");
        Assert.Equal(0, (await app.ClientWith(null).GetPool(pool)).GetProperty("patents").GetArrayLength());
    }

    [Fact]
    public async Task A_patent_under_an_exclusive_licence_is_refused_naming_the_licence()
    {
        var pool = await app.NewPool();
        var (number, _) = await app.MemberPatent(pool);
        var licensee = await app.CreateParty();
        await app.Grains().GetGrain<IPatentGrain>(number).GrantLicence(
            new LicenceGrant("lic_exclusive_1", LicenceKind.Exclusive, licensee, new LicenceScope(["CN"], [], PoolSteps.Today, null)));

        var problem = await (await app.Admit(pool, number)).ShouldBeProblem(409, "licence_conflict", "number");
        Assert.Contains("lic_exclusive_1", problem.GetProperty("detail").GetString());
        await ShouldNotBePooled(pool, number);
    }

    [Fact]
    public async Task A_pledged_patent_needs_the_pledgees_consent_to_the_pool()
    {
        var pool = await app.NewPool();
        var (number, owner) = await app.MemberPatent(pool);
        var bank = await app.NewKey("bank", "financier");
        await app.Admin().PledgeThroughDeal(app.Client(bank), number, owner, bank.PartyId, valuedOn: PoolSteps.Today.Iso());

        await (await app.Admit(pool, number)).ShouldBeProblem(409, "pledgee_consent_required", "number");
        await ShouldNotBePooled(pool, number);

        await (await app.Client(bank).PostJson($"/api/v1/patents/{number}/pledgee-consents", new { purpose = "pool_admission", counterpartyId = pool.Id })).ShouldBe(201);
        await (await app.Admit(pool, number)).ShouldBe(201);
    }

    [Fact]
    public async Task A_pool_that_requires_essentiality_review_needs_a_positive_opinion()
    {
        var pool = await app.NewPool(body => body["essentialityReviewRequired"] = true);
        var (number, _) = await app.MemberPatent(pool);
        var appraiser = await app.CreateParty("评估机构", "appraiser");

        await (await app.Admit(pool, number)).ShouldBeProblem(422, "essentiality_opinion_required", "essentialityOpinion");
        await (await app.Admit(pool, number, new { positive = false, appraiserId = appraiser })).ShouldBeProblem(422, "essentiality_opinion_required", "essentialityOpinion");
        await (await app.Admit(pool, number, new { appraiserId = appraiser })).ShouldBeProblem(400, "validation_failed", "essentialityOpinion.positive");
        await (await app.Admit(pool, number, new { positive = true, appraiserId = "pty_ffffffffffffffff" })).ShouldBeProblem(422, "unknown_party", "essentialityOpinion.appraiserId");
        await ShouldNotBePooled(pool, number);

        var admitted = await (await app.Admit(pool, number, new { positive = true, appraiserId = appraiser, reportRef = "SEP-2026-001" })).ShouldBe(201);
        Assert.Equal("SEP-2026-001", admitted.GetProperty("essentialityReportRef").GetString());
    }

    [Fact]
    public async Task Withdrawal_takes_effect_at_the_next_quarter_start_and_is_refused_for_patents_not_in_the_pool()
    {
        var pool = await app.NewPool();
        var (number, _) = await app.MemberPatent(pool);
        await (await app.Admit(pool, number)).ShouldBe(201);
        var client = app.Client(pool.Administrator);
        var nextQuarter = DistributionPeriods.NextStart(DistributionPeriod.Quarterly, PoolSteps.Today);
        Assert.Equal(1, nextQuarter.Day);
        Assert.Contains(nextQuarter.Month, new[] { 1, 4, 7, 10 });

        var withdrawn = await (await client.DeleteAsync($"{pool.Url}/patents/CN{number}")).ShouldBe(200);
        Assert.Equal(nextQuarter.Iso(), withdrawn.GetProperty("withdrawnOn").GetString());
        var membership = Assert.Single((await app.Admin().GetPatent(number)).GetProperty("pools").EnumerateArray());
        Assert.Equal(nextQuarter.Iso(), membership.GetProperty("withdrawnOn").GetString());

        // Still in the pool until then (existing licences keep covering it), and withdrawing again changes nothing.
        var listed = Assert.Single((await app.ClientWith(null).GetPool(pool)).GetProperty("patents").EnumerateArray());
        Assert.Equal(nextQuarter.Iso(), listed.GetProperty("withdrawnOn").GetString());
        Assert.Equal(nextQuarter.Iso(), (await (await client.DeleteAsync($"{pool.Url}/patents/{number}")).ShouldBe(200)).GetProperty("withdrawnOn").GetString());
        await (await app.Admit(pool, number)).ShouldBeProblem(409, "patent_already_pooled", "number");

        await (await client.DeleteAsync($"{pool.Url}/patents/{ApiSteps.NewNumber()}")).ShouldBeProblem(404, "patent_not_in_pool");
        await (await client.DeleteAsync($"{pool.Url}/patents/12345")).ShouldBeProblem(400, "invalid_patent_number", "number");
    }

    [Fact]
    public async Task A_half_yearly_pool_withdraws_at_the_next_half_year()
    {
        var pool = await app.NewPool(body => body["distributionPeriod"] = "half_yearly");
        var (number, _) = await app.MemberPatent(pool);
        await (await app.Admit(pool, number)).ShouldBe(201);
        var withdrawn = await (await app.Client(pool.Administrator).DeleteAsync($"{pool.Url}/patents/{number}")).ShouldBe(200);
        Assert.Equal(DistributionPeriods.NextStart(DistributionPeriod.HalfYearly, PoolSteps.Today).Iso(), withdrawn.GetProperty("withdrawnOn").GetString());
    }

    private async Task ShouldNotBePooled(TestPool pool, string number)
    {
        Assert.Equal(0, (await app.ClientWith(null).GetPool(pool)).GetProperty("patents").GetArrayLength());
        Assert.Equal(0, (await app.Admin().GetPatent(number)).GetProperty("pools").GetArrayLength());
    }
}
