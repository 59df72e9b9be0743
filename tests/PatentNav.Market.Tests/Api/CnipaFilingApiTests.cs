using PatentNav.Market.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Licence contracts are filed with CNIPA within 3 months of taking effect (§4).</summary>
public sealed class CnipaFilingApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static DateOnly Today => MarketClock.System.Today;

    private async Task<(string Id, IssuedKey Licensor)> NewLicence(DateOnly start)
    {
        var licensor = await app.NewKey("company", "licensor");
        var number = await app.Admin().NewPatent(licensor.PartyId);
        var body = await (await app.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(await app.CreateParty(), [number], start: start))).ShouldBe(201);
        return (body.GetProperty("id").GetString()!, licensor);
    }

    [Fact]
    public async Task The_licensor_records_the_filing_of_its_bilateral_licence_once()
    {
        var (id, licensor) = await NewLicence(Today);
        var op = app.Client(licensor); // a bilateral licence has no operating center: its licensor files (docs/TENANCY.md)
        var url = $"/api/v1/licences/{id}/cnipa-filing";

        var filed = await (await op.PostJson(url, new { filingNumber = " 2026990000123 ", filedOn = Today.Iso() })).ShouldBe(200);
        var filing = filed.GetProperty("cnipaFiling");
        Assert.Equal(("2026990000123", Today.Iso()), (filing.GetProperty("filingNumber").GetString(), filing.GetProperty("filedOn").GetString()));
        Assert.Equal(Today.AddMonths(3).Iso(), filing.GetProperty("dueOn").GetString());
        Assert.False(filing.GetProperty("filedLate").GetBoolean());

        // The same filing again changes nothing; a different one is refused.
        var again = await (await op.PostJson(url, new { filingNumber = "2026990000123", filedOn = Today.Iso() })).ShouldBe(200);
        Assert.Equal(filed.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        await (await op.PostJson(url, new { filingNumber = "2026990000999", filedOn = Today.Iso() })).ShouldBeProblem(409, "cnipa_already_filed", "filingNumber");

        foreach (var stranger in new[] { await app.NewKey("operating_center", "operator"), await app.NewKey("company", "licensor") })
            await (await app.Client(stranger).PostJson(url, new { filingNumber = "2026990000123", filedOn = Today.Iso() })).ShouldBeProblem(404, "licence_not_found");
        await (await op.PostJson(url, new { filingNumber = "2026990000123", filedOn = Today.AddDays(1).Iso() })).ShouldBeProblem(400, "date_in_future", "filedOn");
        await (await op.PostJson(url, new { filingNumber = "备案号" })).ShouldBeProblem(400, "validation_failed", "filedOn");
        await (await op.PostJson("/api/v1/licences/lic_0000000000000000/cnipa-filing", new { filingNumber = "2026990000123", filedOn = Today.Iso() }))
            .ShouldBeProblem(404, "licence_not_found");
    }

    [Fact]
    public async Task An_unfiled_licence_is_flagged_overdue_by_its_reminder_and_a_late_filing_says_so()
    {
        var (id, licensor) = await NewLicence(Today.AddMonths(-4));
        var client = app.Client(licensor);

        await LicenceSteps.Eventually(async () =>
            (await client.Licence(id)).GetProperty("cnipaFiling").GetProperty("overdueFlaggedAt").ValueKind == System.Text.Json.JsonValueKind.String,
            "the CNIPA overdue reminder");
        var flagged = (await client.Licence(id)).GetProperty("cnipaFiling");
        Assert.True(flagged.GetProperty("overdue").GetBoolean());
        var journal = await app.Services.GetRequiredService<IAuditTrail>().History("licence", id, 0, 50);
        Assert.Contains(journal, e => e.Operation == "reminder:cnipa-filing-due" && e.Caller is null);

        var filed = (await (await client.PostJson($"/api/v1/licences/{id}/cnipa-filing", new { filingNumber = "2026990000124", filedOn = Today.Iso() })).ShouldBe(200))
            .GetProperty("cnipaFiling");
        Assert.Equal((false, true), (filed.GetProperty("overdue").GetBoolean(), filed.GetProperty("filedLate").GetBoolean()));
    }
}
