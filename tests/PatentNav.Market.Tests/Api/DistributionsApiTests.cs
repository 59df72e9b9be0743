using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// §6 end to end on PostgreSQL: a quarter of royalties collected through real invoice payments, distributed by value,
/// with a pledged patent (its share to escrow, §8) and a patent that changes owner mid-quarter (split by days).
/// The clock starts on 2030-01-02; the distributed quarter is 2030-Q2 (91 days).
/// </summary>
public sealed class DistributionsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static readonly DateOnly Q2 = new(2030, 4, 1), Q3 = new(2030, 7, 1);

    [Fact]
    public async Task A_quarter_is_shared_by_value_days_once_with_pledged_shares_in_escrow_and_statements_for_each_licensor()
    {
        var admin = market.Admin();
        var pool = await market.NewPool(); // USD, admin fee 15 %
        var op = market.Client(pool.Administrator);
        var (a, pa) = await market.MemberWithPatent(pool, 3_000_000);
        var (b, pb) = await market.MemberWithPatent(pool, 1_000_000);
        var (c, pc) = await market.MemberWithPatent(pool, 2_000_000);
        var d = await admin.NewKey("company", "licensor");
        var bank = await admin.NewKey("bank", "financier");
        await admin.PledgeThroughDeal(market.Client(bank), pc, c.PartyId, bank.PartyId);
        var licensee = await admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);
        var late = await admin.NewKey("company", "licensee");
        var lateLicence = await market.Acquire(pool, late);

        // pb passes from b to d on 16 May: b held it 45 days of Q2 (1 April – 15 May), d 46 (16 May – 30 June).
        market.Clock.SetToday(new DateOnly(2030, 5, 16));
        await (await admin.PatchJson($"/api/v1/patents/{pb}", new { ownerIds = new[] { d.PartyId } })).ShouldBe(200);

        // Q2 royalties: 1 000 000 units, the first 100 000 free, 900 000 at 20 ¢ = 18 000 000 ¢, paid.
        market.Clock.SetToday(new DateOnly(2030, 7, 2));
        Assert.Equal(18_000_000, await market.ReportAndPay(licenceId, licensee, "2030-Q2", 1_000_000));
        var lateInvoice = await (await market.Client(late).Report(lateLicence, "2030-Q2", 200_000)).ShouldBe(201);

        // Only whole, ended charter periods.
        await (await op.RunDistribution(pool, Q3, Q3.AddMonths(3))).ShouldBeProblem(422, "period_not_ended", "periodEnd");
        await (await op.RunDistribution(pool, Q2, Q3.AddMonths(3))).ShouldBeProblem(422, "period_not_aligned", "periodStart");
        await (await op.RunDistribution(pool, Q3, Q2)).ShouldBeProblem(400, "invalid_period", "periodEnd");

        market.Clock.SetToday(new DateOnly(2030, 7, 10));
        var response = await op.RunDistribution(pool, Q2, Q3, key: "dist-q2");
        var first = await response.ShouldBe(201);
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal("2030-04-01_2030-07-01", id);
        Assert.Equal($"/api/v1/pools/{pool.Id}/distributions/{id}", response.Headers.Location?.OriginalString);

        // C = 18 000 000, F = 2 700 000, D = 15 300 000. Weights (CNY value-days): pa 3 M × 91, pb 1 M × 45 (b) and
        // 1 M × 46 (d), pc 2 M × 91; Σ 546 M. Exact shares 7 650 000, 1 260 989.01, 1 289 010.99, 5 100 000: the one
        // unit left over goes to d, the largest remainder.
        Assert.Equal((18_000_000L, 2_700_000L, 15_300_000L), (first.GetProperty("collected").Minor(), first.GetProperty("adminFee").Minor(), first.GetProperty("distributable").Minor()));
        Assert.Equal((91, "273000000", 7_650_000L), Row(first.Line(pa, a.PartyId)));
        Assert.Equal((45, "45000000", 1_260_989L), Row(first.Line(pb, b.PartyId)));
        Assert.Equal((46, "46000000", 1_289_011L), Row(first.Line(pb, d.PartyId)));
        Assert.Equal((91, "182000000", 5_100_000L), Row(first.Line(pc, c.PartyId)));
        Assert.Equal(LedgerAccounts.Escrow("pledge", pc), first.Line(pc, c.PartyId).GetProperty("paidTo").GetString());
        var cTotal = first.GetProperty("licensors").EnumerateArray().Single(l => l.GetProperty("licensorId").GetString() == c.PartyId);
        Assert.Equal((5_100_000L, 0L, 5_100_000L), (cTotal.GetProperty("share").Minor(), cTotal.GetProperty("payable").Minor(), cTotal.GetProperty("escrowed").Minor()));

        // The ledger: every licensor's exact share in its payable, the pledged share in escrow, F to the center, collections empty.
        Assert.Equal(7_650_000, await market.Balance(a.Payable()));
        Assert.Equal(1_260_989, await market.Balance(b.Payable()));
        Assert.Equal(1_289_011, await market.Balance(d.Payable()));
        Assert.Equal(0, await market.Balance(c.Payable()));
        Assert.Equal(5_100_000, await market.Balance(LedgerAccounts.Escrow("pledge", pc)));
        Assert.Equal(2_700_000, await market.Balance(LedgerAccounts.AdminFees(pool.Administrator.PartyId)));
        var collections = LedgerAccounts.PoolCollections(pool.Id, "2030-Q2");
        Assert.Equal(0, await market.Balance(collections));
        await market.AssertTrialBalanceIsZero();

        // Late cash stays in the quarter's collections: the period has been distributed, and running it again
        // returns the same distribution (200) and moves nothing — with the same key (replay, 201) or a new one.
        await (await admin.Pay(lateInvoice.Id(), "BANK-LATE-0001", lateInvoice.Amount())).ShouldBe(201);
        var replay = await (await op.RunDistribution(pool, Q2, Q3, key: "dist-q2")).ShouldBe(201);
        var again = await (await op.RunDistribution(pool, Q2, Q3)).ShouldBe(200);
        Assert.Equal(first.GetRawText(), replay.GetRawText());
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(lateInvoice.Amount(), await market.Balance(collections));
        Assert.Equal(7_650_000, await market.Balance(a.Payable()));
        Assert.Single(await market.Entries(a.Payable()));
        Assert.Equal(first.GetRawText(), (await (await op.GetAsync($"{pool.Distributions()}/{id}")).ShouldBe(200)).GetRawText());
        await market.AssertTrialBalanceIsZero();
    }

    private static (int Days, string Weight, long Share) Row(JsonElement line) =>
        (line.GetProperty("days").GetInt32(), line.GetProperty("weight").GetString()!, line.GetProperty("share").Minor());
}
