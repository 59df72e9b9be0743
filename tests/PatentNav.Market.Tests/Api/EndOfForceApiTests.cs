using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// <c>POST /api/v1/patents/{number}/end-of-force</c>: a lapse or invalidation recorded with its date, and the patent's days in
/// force before it counted in the distribution (on main a lapsed patent counted no day). The quarter is 2030-Q2.
/// </summary>
public sealed class EndOfForceApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static readonly DateOnly Q2 = new(2030, 4, 1), Q3 = new(2030, 7, 1);

    [Fact]
    public async Task A_lapsed_or_invalidated_patent_counts_its_days_in_force_before_the_recorded_date()
    {
        var admin = market.Admin();
        var pool = await market.NewPool();
        var op = market.Client(pool.Administrator);
        var (a, pa) = await market.MemberWithPatent(pool, 1_000_000);
        var (b, pb) = await market.MemberWithPatent(pool, 1_000_000);
        var (c, pc) = await market.MemberWithPatent(pool, 1_000_000);
        var licensee = await admin.NewKey("company", "licensee");
        var licenceId = await market.Acquire(pool, licensee);

        market.Clock.SetToday(new DateOnly(2030, 7, 2));
        await market.ReportAndPay(licenceId, licensee, "2030-Q2", 1_000_000);

        // pb: annuity unpaid, lapsed from 1 May (30 days of Q2 in force); pc: invalidated by a decision of 1 June (61 days).
        var lapsed = await (await op.PostJson($"/api/v1/patents/{pb}/end-of-force", new { status = "lapsed", date = "2030-05-01", reference = "CNIPA-ZZ-2030-0501" })).ShouldBe(200);
        Assert.Equal(("lapsed", "2030-05-01", "CNIPA-ZZ-2030-0501"), (lapsed.GetProperty("status").GetString(),
            lapsed.GetProperty("endOfForce").GetProperty("on").GetString(), lapsed.GetProperty("endOfForce").GetProperty("reference").GetString()));
        await (await op.PostJson($"/api/v1/patents/{pc}/end-of-force", new { status = "invalidated", date = "2030-06-01" })).ShouldBe(200);

        // Repeats are no-ops; another date, a future date, a status that is no end of force, another holder's key and another
        // center's operator are refused (docs/TENANCY.md: the holder, or a center whose pool the patent is in).
        var again = await (await op.PostJson($"/api/v1/patents/{pb}/end-of-force", new { status = "lapsed", date = "2030-05-01" })).ShouldBe(200);
        Assert.Equal(lapsed.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        await (await op.PostJson($"/api/v1/patents/{pb}/end-of-force", new { status = "lapsed", date = "2030-05-02" })).ShouldBeProblem(409, "end_of_force_recorded", "date");
        await (await op.PostJson($"/api/v1/patents/{pa}/end-of-force", new { status = "lapsed", date = "2030-07-03" })).ShouldBeProblem(400, "date_in_future", "date");
        await (await op.PostJson($"/api/v1/patents/{pa}/end-of-force", new { status = "granted", date = "2030-05-01" })).ShouldBeProblem(400, "invalid_status", "status");
        await (await op.PostJson($"/api/v1/patents/{pa}/end-of-force", new { status = "lapsed" })).ShouldBeProblem(400, "validation_failed", "date");
        await (await market.Client(b).PostJson($"/api/v1/patents/{pa}/end-of-force", new { status = "lapsed", date = "2030-05-01" })).ShouldBeProblem(403, "forbidden");
        await (await market.Client(await admin.NewKey("operating_center", "operator")).PostJson($"/api/v1/patents/{pa}/end-of-force", new { status = "lapsed", date = "2030-05-01" }))
            .ShouldBeProblem(403, "forbidden");
        await (await op.PostJson($"/api/v1/patents/{ApiSteps.NewNumber()}/end-of-force", new { status = "lapsed", date = "2030-05-01" })).ShouldBeProblem(404, "patent_not_found");
        Assert.Equal("granted", (await admin.GetPatent(pa)).GetProperty("status").GetString());

        market.Clock.SetToday(new DateOnly(2030, 7, 10));
        var run = await (await op.RunDistribution(pool, Q2, Q3)).ShouldBe(201);

        // D = 15 300 000 over 91 : 30 : 61 (M value-days): 7 650 000, 2 521 978.02, 5 128 021.98 — the unit left goes to pc.
        Assert.Equal((91, "91000000"), (Row(run.Line(pa, a.PartyId)).Days, Row(run.Line(pa, a.PartyId)).Weight));
        Assert.Equal((30, "30000000"), (Row(run.Line(pb, b.PartyId)).Days, Row(run.Line(pb, b.PartyId)).Weight));
        Assert.Equal((61, "61000000"), (Row(run.Line(pc, c.PartyId)).Days, Row(run.Line(pc, c.PartyId)).Weight));
        Assert.Equal((7_650_000L, 2_521_978L, 5_128_022L), (Row(run.Line(pa, a.PartyId)).Share, Row(run.Line(pb, b.PartyId)).Share, Row(run.Line(pc, c.PartyId)).Share));
        await market.AssertTrialBalanceIsZero();
    }

    private static (int Days, string Weight, long Share) Row(JsonElement line) =>
        (line.GetProperty("days").GetInt32(), line.GetProperty("weight").GetString()!, line.GetProperty("share").Minor());
}
