using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>The pledge on the patent (set by a deal only) and the pledgee's consent (Civil Code art. 444).</summary>
public sealed class PledgeApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private async Task<(string Number, string OwnerId, IssuedKey Bank)> PledgedPatent()
    {
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        await app.Admin().RegisterPatent(number, owner);
        var bank = await app.NewKey("bank", "financier");
        await app.Admin().PledgeThroughDeal(app.Client(bank), number, owner, bank.PartyId, valuedOn: PoolSteps.Today.Iso());
        return (number, owner, bank);
    }

    [Fact]
    public async Task A_pledged_patent_is_licensed_only_with_the_pledgees_consent_and_each_consent_serves_once()
    {
        var (number, _, bank) = await PledgedPatent();
        var licensee = await app.CreateParty();
        var patent = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IPatentGrain>(number);
        var grant = new LicenceGrant("lic_a", LicenceKind.NonExclusive, licensee, new LicenceScope(["CN"], [], new DateOnly(2026, 1, 1), null));

        var refused = await Assert.ThrowsAsync<Grains.Common.DomainException>(() => patent.GrantLicence(grant));
        Assert.Equal("pledgee_consent_required", refused.Code);

        var consent = await app.Client(bank).PostJson($"/api/v1/patents/{number}/pledgee-consents", new { purpose = "licence", counterpartyId = licensee });
        await consent.ShouldBe(201);
        await patent.GrantLicence(grant);
        var second = await Assert.ThrowsAsync<Grains.Common.DomainException>(() => patent.GrantLicence(grant with { LicenceId = "lic_b" }));

        Assert.Equal("pledgee_consent_required", second.Code);
        Assert.Equal(["lic_a"], (await patent.Get())!.Licences.Select(l => l.LicenceId));
    }

    [Fact]
    public async Task Only_the_pledgee_can_consent()
    {
        var (number, owner, _) = await PledgedPatent();
        var otherBank = await app.NewKey("bank", "financier");

        // Another financier is not the patent's pledgee: the tenancy filter refuses it (it may read the public patent).
        var response = await app.Client(otherBank).PostJson($"/api/v1/patents/{number}/pledgee-consents", new { purpose = "licence", counterpartyId = owner });
        await response.ShouldBeProblem(403, "forbidden");

        // The admin acting for someone who is not the pledgee is refused by the patent itself.
        Assert.Equal("not_pledgee", (await Assert.ThrowsAsync<Grains.Common.DomainException>(() =>
            app.Services.GetRequiredService<IGrainFactory>().GetGrain<IPatentGrain>(number).RecordPledgeeConsent(otherBank.PartyId, ConsentPurpose.Licence, owner))).Code);
    }
}
