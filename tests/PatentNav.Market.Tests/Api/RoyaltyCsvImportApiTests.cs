using System.Text;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>CSV import of royalty reports: one file, many categories, regions and periods; each row checked; all or nothing.</summary>
public sealed class RoyaltyCsvImportApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static Task<HttpResponseMessage> Import(HttpClient client, string licenceId, string csv, string? key = null, string mediaType = "text/csv")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/licences/{licenceId}/royalty-reports/import")
        {
            Content = new StringContent(csv, Encoding.UTF8, mediaType),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    private static string[] ErrorKeys(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task A_file_of_many_categories_regions_and_periods_is_priced_exactly_as_the_same_reports_one_by_one()
    {
        var pool = await market.LensAndSensorPool("12.5");
        var (a, aLicence) = await market.NewLicensee(pool);
        var (b, bLicence) = await market.NewLicensee(pool);
        var q0 = LicenceSteps.Quarter(market.Clock.Today);
        market.Clock.SetToday(q0.LastDay.AddDays(100)); // two quarters later: three quarters reportable
        var q1 = LicenceSteps.Quarter(q0.LastDay.AddDays(1));
        (string Period, string Category, string Region, long Units)[] rows =
            [(q0.ToString(), "lens", "CN", 101), (q0.ToString(), "sensor", "CN", 3), (q1.ToString(), "lens", "US", 77), (q1.ToString(), "sensor", "R2", 5)];
        var csv = "period,category,region,units\r\n" + string.Join("\r\n", rows.Select(r => $"{r.Period},{r.Category},\"{r.Region}\",{r.Units}")) + "\r\n";

        var key = Guid.NewGuid().ToString();
        var imported = await (await Import(market.Client(a), aLicence, csv, key)).ShouldBe(201);
        Assert.Equal(4, imported.GetProperty("imported").GetInt32());
        var invoices = imported.GetProperty("invoices").EnumerateArray().ToList();
        Assert.Equal(rows.Select(r => (r.Period, r.Category, r.Region, r.Units)),
            invoices.Select(i => (i.GetProperty("period").GetString()!, i.GetProperty("report").GetProperty("category").GetString()!,
                i.GetProperty("report").GetProperty("region").GetString()!, i.GetProperty("report").GetProperty("units").GetInt64())));

        var oneByOne = new List<long>();
        foreach (var r in rows)
            oneByOne.Add((await (await market.Client(b).Report(bLicence, r.Period, r.Units, r.Category, r.Region)).ShouldBe(201)).Amount());
        Assert.Equal(oneByOne, invoices.Select(i => i.Amount()));
        Assert.Equal(1_262L, invoices[0].Amount()); // 101 × 12.5 fen = 1 262.5 fen, half-even
    }

    [Fact]
    public async Task One_refused_row_refuses_the_file_naming_row_and_column_and_nothing_is_recorded()
    {
        var pool = await market.LensAndSensorPool();
        var (licensee, id) = await market.NewLicensee(pool);
        var client = market.Client(licensee);
        var now = LicenceSteps.Quarter(market.Clock.Today);
        var future = LicenceSteps.Quarter(now.LastDay.AddDays(1));

        // Shape: checked by the gateway, every row.
        var shape = await (await Import(client, id, $"period,category,region,units\n{now},lens,CN,10\n{now},sensor,CN,-5\n2030-Q5,lens,,7\n{now},lens,CN\n")).ShouldBeProblem(400, "validation_failed");
        Assert.Equal(["rows[1].units", "rows[2].period", "rows[2].region", "rows[3]"], ErrorKeys(shape).Order());

        // Rules: checked by the licence, every row; a duplicate within the file counts as already reported.
        var rules = await (await Import(client, id, $"period,category,region,units\n{now},lens,CN,10\n{future},sensor,CN,1\n{now},lens,US,3\n{now},camera,CN,1\n")).ShouldBeProblem(422, "invalid_rows");
        Assert.Equal(["rows[1].period", "rows[2].period", "rows[3].category"], ErrorKeys(rules).Order());
        Assert.StartsWith("period_in_future:", rules.GetProperty("errors").GetProperty("rows[1].period")[0].GetString());
        Assert.StartsWith("report_exists:", rules.GetProperty("errors").GetProperty("rows[2].period")[0].GetString());
        Assert.StartsWith("unknown_category:", rules.GetProperty("errors").GetProperty("rows[3].category")[0].GetString());
        Assert.Empty(await client.Invoices(id)); // not even row 0

        // The file, and the media type.
        await (await Import(client, id, "units,period,category,region\n1,2030-Q1,lens,CN\n")).ShouldBeProblem(400, "validation_failed", "header");
        await (await Import(client, id, "period,category,region,units\n")).ShouldBeProblem(400, "validation_failed", "rows");
        await (await Import(client, id, $"period,category,region,units\n{now},\"lens,CN,1\n")).ShouldBeProblem(400, "validation_failed", "rows[0]");
        await (await Import(client, id, "{}", mediaType: "application/json")).ShouldBeProblem(415, "unsupported_media_type");
        var other = await market.Admin().NewKey("company", "licensee");
        await (await Import(market.Client(other), id, $"period,category,region,units\n{now},lens,CN,1\n")).ShouldBeProblem(404, "licence_not_found");
        Assert.Empty(await client.Invoices(id));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_replays_the_import_and_a_second_upload_is_refused_whole()
    {
        var pool = await market.LensAndSensorPool();
        var (licensee, id) = await market.NewLicensee(pool);
        var client = market.Client(licensee);
        var now = LicenceSteps.Quarter(market.Clock.Today);
        var csv = $"\uFEFFPeriod,Category,Region,Units\n{now},lens,CN,10\n{now},sensor,CN,20\n"; // as a spreadsheet saves it: BOM, capitalised header
        var key = Guid.NewGuid().ToString();

        var first = await (await Import(client, id, csv, key)).ShouldBe(201);
        var replay = await (await Import(client, id, csv, key)).ShouldBe(201);
        Assert.Equal(first.ToString(), replay.ToString());
        Assert.Equal(2, (await client.Invoices(id)).Length);

        var again = await (await Import(client, id, csv)).ShouldBeProblem(422, "invalid_rows");
        Assert.Equal(["rows[0].period", "rows[1].period"], ErrorKeys(again).Order());
        Assert.Equal(2, (await client.Invoices(id)).Length);
    }
}
