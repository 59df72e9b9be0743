using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Late cash in a supplementary distribution with the original weights, its own posting and statement, and a pool's
/// list of distributions. The clock starts on 2030-01-02; the quarter is 2030-Q2.
/// </summary>
public sealed class DistributionSupplementsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static readonly DateOnly Q2 = new(2030, 4, 1), Q3 = new(2030, 7, 1);

    [Fact]
    public async Task Late_cash_is_distributed_in_a_supplement_with_the_original_weights_its_own_posting_and_statement()
    {
        var admin = market.Admin();
        var pool = await market.NewPool(); // USD, admin fee 15 %
        var op = market.Client(pool.Administrator);
        var (a, pa) = await market.MemberWithPatent(pool, 3_000_000);
        var (b, pb) = await market.MemberWithPatent(pool, 1_000_000);
        var licensee = await admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);
        var late = await admin.NewKey("company", "licensee");
        var lateLicence = await market.Acquire(pool, late);

        market.Clock.SetToday(new DateOnly(2030, 7, 2));
        Assert.Equal(18_000_000, await market.ReportAndPay(licenceId, licensee, "2030-Q2", 1_000_000));
        var lateInvoice = await (await market.Client(late).Report(lateLicence, "2030-Q2", 200_000)).ShouldBe(201);
        await (await op.PostWithKey($"{pool.Distributions()}/2030-04-01_2030-07-01/supplements", null, "too-early"))
            .ShouldBeProblem(404, "distribution_not_found");

        market.Clock.SetToday(new DateOnly(2030, 7, 10));
        var original = await (await op.RunDistribution(pool, Q2, Q3)).ShouldBe(201);
        var supplements = $"{pool.Distributions()}/{original.GetProperty("id").GetString()}/supplements";
        await (await op.PostWithKey(supplements, null, Guid.NewGuid().ToString())).ShouldBeProblem(422, "nothing_collected");

        // After the run, b's patent is recorded as lapsed from 1 May: a recomputation would now give it 30 days, not 91.
        await (await admin.PostJson($"/api/v1/patents/{pb}/end-of-force", new { status = "lapsed", date = "2030-05-01" })).ShouldBe(200);
        // 200 000 units, the first 100 000 free: 2 000 000 ¢ of late cash.
        await (await admin.Pay(lateInvoice.Id(), "BANK-LATE-S1", lateInvoice.Amount())).ShouldBe(201);
        Assert.Equal(2_000_000, lateInvoice.Amount());
        var payableBefore = await market.Balance(a.Payable());

        var response = await op.PostWithKey(supplements, null, "supplement-1");
        var supplement = await response.ShouldBe(201);
        Assert.Equal(("2030-04-01_2030-07-01_s1", 1), (supplement.GetProperty("id").GetString(), supplement.GetProperty("supplement").GetInt32()));
        Assert.Equal($"/api/v1/pools/{pool.Id}/distributions/2030-04-01_2030-07-01_s1", response.Headers.Location?.OriginalString);
        // C = 2 000 000, F = 300 000, D = 1 700 000 split 273 M : 91 M value-days, the original's weights.
        Assert.Equal((2_000_000L, 300_000L, 1_700_000L),
            (supplement.GetProperty("collected").Minor(), supplement.GetProperty("adminFee").Minor(), supplement.GetProperty("distributable").Minor()));
        Assert.Equal((91, "273000000", 1_275_000L), Row(supplement.Line(pa, a.PartyId)));
        Assert.Equal((91, "91000000", 425_000L), Row(supplement.Line(pb, b.PartyId)));
        Assert.Equal(Row(original.Line(pb, b.PartyId)).Weight, Row(supplement.Line(pb, b.PartyId)).Weight);
        Assert.Equal($"dist:{pool.Id}:2030-04-01:2030-07-01:s1", supplement.GetProperty("postingId").GetString());

        // Once: the same key replays, a new key finds no late cash; the money moved in its own posting.
        Assert.Equal(supplement.GetRawText(), (await (await op.PostWithKey(supplements, null, "supplement-1")).ShouldBe(201)).GetRawText());
        await (await op.PostWithKey(supplements, null, "supplement-2")).ShouldBeProblem(422, "nothing_collected");
        Assert.Equal(0, await market.Balance(LedgerAccounts.PoolCollections(pool.Id, "2030-Q2")));
        Assert.Equal(payableBefore + 1_275_000, await market.Balance(a.Payable()));
        Assert.Equal([$"dist:{pool.Id}:2030-04-01:2030-07-01", $"dist:{pool.Id}:2030-04-01:2030-07-01:s1"],
            (await market.Entries(a.Payable())).Select(e => e.PostingId).Order(StringComparer.Ordinal));
        await market.AssertTrialBalanceIsZero();

        // Its own statement; the original's is unchanged.
        var statement = await (await market.Client(a).GetAsync($"{pool.Distributions()}/2030-04-01_2030-07-01_s1/statement?licensorId={a.PartyId}")).ShouldBe(200);
        Assert.Equal(1_275_000, statement.GetProperty("total").GetProperty("share").Minor());
        Assert.Equal(original.GetRawText(), (await (await op.GetAsync($"{pool.Distributions()}/2030-04-01_2030-07-01")).ShouldBe(200)).GetRawText());
        Assert.Equal(supplement.GetRawText(), (await (await op.GetAsync($"{pool.Distributions()}/2030-04-01_2030-07-01_s1")).ShouldBe(200)).GetRawText());
        await (await op.GetAsync($"{pool.Distributions()}/2030-04-01_2030-07-01_s2")).ShouldBeProblem(404, "distribution_not_found");

        // The pool's list: newest first, cursor paging.
        var firstPage = await (await op.GetAsync($"{pool.Distributions()}?limit=1")).ShouldBe(200);
        Assert.Equal("2030-04-01_2030-07-01_s1", Assert.Single(firstPage.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var cursor = firstPage.GetProperty("nextCursor").GetString();
        var secondPage = await (await op.GetAsync($"{pool.Distributions()}?limit=1&cursor={cursor}")).ShouldBe(200);
        Assert.Equal("2030-04-01_2030-07-01", Assert.Single(secondPage.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("nextCursor").ValueKind);
        await (await op.GetAsync($"{pool.Distributions()}?cursor=not-a-cursor")).ShouldBeProblem(400, "invalid_parameter", "cursor");
        await (await op.GetAsync($"{pool.Distributions()}?limit=0")).ShouldBeProblem(400, "invalid_parameter", "limit");
        var stranger = await admin.NewKey("operating_center", "operator");
        await (await market.Client(stranger).GetAsync(pool.Distributions())).ShouldBeProblem(403, "forbidden");
        await (await market.Client(stranger).PostWithKey(supplements, null, "stranger")).ShouldBeProblem(403, "forbidden");
    }

    private static (int Days, string Weight, long Share) Row(JsonElement line) =>
        (line.GetProperty("days").GetInt32(), line.GetProperty("weight").GetString()!, line.GetProperty("share").Minor());
}
