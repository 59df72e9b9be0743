using System.Net.Http.Headers;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Who may run and read distributions, and a licensor's statement as JSON and CSV. Distributes 2030-Q1.</summary>
public sealed class DistributionStatementsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static readonly DateOnly Q1 = new(2030, 1, 1), Q2 = new(2030, 4, 1);

    [Fact]
    public async Task The_administrator_runs_and_reads_it_a_licensor_reads_only_its_own_statement()
    {
        // Admitted on 2 January: 89 days of Q1 each. Values 1 M and 3 M; C = 2 000 000, F = 300 000, D = 1 700 000 → 425 000 : 1 275 000.
        var admin = market.Admin();
        var pool = await market.NewPool();
        var op = market.Client(pool.Administrator);
        var (a, pa) = await market.MemberWithPatent(pool, 1_000_000);
        var (b, pb) = await market.MemberWithPatent(pool, 3_000_000);
        var licensee = await admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);
        market.Clock.SetToday(new DateOnly(2030, 4, 2));
        Assert.Equal(2_000_000, await market.ReportAndPay(licenceId, licensee, "2030-Q1", 200_000));

        var otherCenter = await admin.NewKey("operating_center", "operator");
        await (await market.Client(otherCenter).RunDistribution(pool, Q1, Q2)).ShouldBeProblem(403, "forbidden");
        await (await market.Client(a).RunDistribution(pool, Q1, Q2)).ShouldBeProblem(403, "forbidden");
        await (await op.PostJson(pool.Distributions(), new { periodStart = Q1.Iso(), periodEnd = Q2.Iso() })).ShouldBeProblem(400, "idempotency_key_required");
        await (await op.RunDistribution(pool, Q1, Q2)).ShouldBe(201);
        var url = $"{pool.Distributions()}/2030-01-01_2030-04-01";

        await (await market.Client(otherCenter).GetAsync(url)).ShouldBeProblem(403, "forbidden");
        await (await market.Client(a).GetAsync(url)).ShouldBeProblem(403, "forbidden");
        await (await op.GetAsync($"{pool.Distributions()}/2030-04-01_2030-07-01")).ShouldBeProblem(404, "distribution_not_found");
        await (await op.GetAsync($"{pool.Distributions()}/2030-Q1")).ShouldBeProblem(404, "distribution_not_found");
        await (await op.GetAsync($"/api/v1/pools/pool_0000000000000000/distributions/2030-01-01_2030-04-01")).ShouldBeProblem(404, "pool_not_found");

        // Statements: the administrator any licensor's, a licensor its own only.
        var statement = await (await market.Client(a).GetAsync($"{url}/statement?licensorId={a.PartyId}")).ShouldBe(200);
        Assert.Equal(a.PartyId, statement.GetProperty("licensorId").GetString());
        var line = Assert.Single(statement.GetProperty("lines").EnumerateArray());
        Assert.Equal((pa, 89, "89000000", 425_000L), (line.GetProperty("patentNumber").GetString(), line.GetProperty("days").GetInt32(),
            line.GetProperty("weight").GetString(), line.GetProperty("share").Minor()));
        Assert.Equal((425_000L, 425_000L, 0L), (statement.GetProperty("total").GetProperty("share").Minor(),
            statement.GetProperty("total").GetProperty("payable").Minor(), statement.GetProperty("total").GetProperty("escrowed").Minor()));
        var forB = await (await op.GetAsync($"{url}/statement?licensorId={b.PartyId}")).ShouldBe(200);
        Assert.Equal(1_275_000L, forB.GetProperty("total").GetProperty("share").Minor());
        await (await market.Client(a).GetAsync($"{url}/statement?licensorId={b.PartyId}")).ShouldBeProblem(403, "forbidden");
        await (await market.Client(otherCenter).GetAsync($"{url}/statement?licensorId={b.PartyId}")).ShouldBeProblem(403, "forbidden");
        await (await op.GetAsync($"{url}/statement?licensorId={licensee.PartyId}")).ShouldBeProblem(404, "licensor_not_in_distribution");
        await (await op.GetAsync($"{url}/statement")).ShouldBeProblem(400, "required", "licensorId");

        // CSV: a header row, one row per patent, a total row.
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"{url}/statement?licensorId={b.PartyId}");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await market.Client(b).SendAsync(csvRequest);
        Assert.Equal(200, (int)csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            $"patent_number,days,weight,share,currency,paid_to\r\n{pb},89,267000000,1275000,USD,licensor:{b.PartyId}:payable\r\ntotal,89,267000000,1275000,USD,\r\n",
            await csv.Content.ReadAsStringAsync());
    }
}
