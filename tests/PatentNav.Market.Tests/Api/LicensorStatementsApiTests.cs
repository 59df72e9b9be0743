using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// <c>GET /api/v1/parties/{id}/statements</c>: a licensor's statements across its pools, newest run first, paged by cursor,
/// read only by the licensor itself (and the admin). Distributes 2031-Q1 and 2031-Q2.
/// </summary>
public sealed class LicensorStatementsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_licensor_reads_its_statements_of_every_run_newest_first_page_by_page()
    {
        // Values 1 M and 3 M: a earns a quarter of each distributable amount (see DistributionStatementsApiTests).
        var admin = market.Admin();
        var pool = await market.NewPool();
        var op = market.Client(pool.Administrator);
        var (a, _) = await market.MemberWithPatent(pool, 1_000_000);
        var (b, _) = await market.MemberWithPatent(pool, 3_000_000);
        var licensee = await admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);
        market.Clock.SetToday(new DateOnly(2031, 4, 2));
        await market.ReportAndPay(licenceId, licensee, "2031-Q1", 200_000);
        var q1 = await (await op.RunDistribution(pool, new DateOnly(2031, 1, 1), new DateOnly(2031, 4, 1))).ShouldBe(201);
        market.Clock.SetToday(new DateOnly(2031, 7, 2));
        await market.ReportAndPay(licenceId, licensee, "2031-Q2", 100_000);
        var q2 = await (await op.RunDistribution(pool, new DateOnly(2031, 4, 1), new DateOnly(2031, 7, 1))).ShouldBe(201);

        var url = $"/api/v1/parties/{a.PartyId}/statements";
        var first = await (await market.Client(a).GetAsync($"{url}?limit=1")).ShouldBe(200);
        var item = Assert.Single(first.GetProperty("items").EnumerateArray());
        var statement = item.GetProperty("statement");
        Assert.Equal(("2031-04-01_2031-07-01", pool.Id, a.PartyId), (statement.GetProperty("distributionId").GetString(),
            statement.GetProperty("poolId").GetString(), statement.GetProperty("licensorId").GetString()));
        var aQ2 = q2.GetProperty("licensors").EnumerateArray().First(l => l.GetProperty("licensorId").GetString() == a.PartyId).GetProperty("share").Minor();
        Assert.Equal(aQ2, statement.GetProperty("total").GetProperty("share").Minor());
        Assert.True(item.GetProperty("poolName").GetString()!.Length > 0);
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);

        var second = await (await market.Client(a).GetAsync($"{url}?limit=1&cursor={cursor}")).ShouldBe(200);
        var older = Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("statement");
        Assert.Equal("2031-01-01_2031-04-01", older.GetProperty("distributionId").GetString());
        var aQ1 = q1.GetProperty("licensors").EnumerateArray().First(l => l.GetProperty("licensorId").GetString() == a.PartyId).GetProperty("share").Minor();
        Assert.Equal(aQ1, older.GetProperty("total").GetProperty("share").Minor());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        // Both at once, and the admin reads them too; the lines are the licensor's only.
        var all = await (await admin.GetAsync(url)).ShouldBe(200);
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.All(all.GetProperty("items").EnumerateArray(), i => Assert.All(i.GetProperty("statement").GetProperty("lines").EnumerateArray(),
            l => Assert.Equal($"licensor:{a.PartyId}:payable", l.GetProperty("paidTo").GetString())));

        // Another licensor, the pool's own operator and a licensee are refused; b sees its own.
        await (await market.Client(b).GetAsync(url)).ShouldBeProblem(403, "forbidden");
        await (await op.GetAsync(url)).ShouldBeProblem(403, "forbidden");
        await (await market.Client(licensee).GetAsync($"/api/v1/parties/{licensee.PartyId}/statements")).ShouldBeProblem(403, "forbidden");
        Assert.Equal(2, (await (await market.Client(b).GetAsync($"/api/v1/parties/{b.PartyId}/statements")).ShouldBe(200)).GetProperty("items").GetArrayLength());

        // Bad paging changes nothing and names the parameter.
        await (await market.Client(a).GetAsync($"{url}?limit=0")).ShouldBeProblem(400, "invalid_parameter", "limit");
        await (await market.Client(a).GetAsync($"{url}?cursor=not-a-cursor")).ShouldBeProblem(400, "invalid_parameter", "cursor");
    }
}
