using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Which quarters a pool licensee may report, when the invoices fall due, and the flags and terms
/// each report records. The clock starts on 2030-01-02 (card v1 and the licence begin then).
/// </summary>
public sealed class PoolRoyaltyPeriodsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Past_and_current_quarters_are_accepted_the_future_refused_and_invoices_fall_due_30_days_after_the_period()
    {
        var pool = await market.NewPool(complianceDiscountBps: 1_000);
        // Version 2 from 1 July lowers the top rate; the licence keeps v1 and gets the lower rate from then on.
        await (await market.Client(pool.Administrator).PostJson($"/api/v1/pools/{pool.Id}/rate-cards",
            PoolSteps.AvcCard(version: 2, effectiveFrom: new DateOnly(2030, 7, 1), upperRate: "8"))).ShouldBe(201);
        var licensee = await market.Admin().NewKey("company", "licensee");
        var id = await market.Acquire(pool, licensee);
        var client = market.Client(licensee);
        market.Clock.SetToday(new DateOnly(2030, 8, 15));

        // A past quarter reported late: 100 000 free + 100 000 × 20 ¢, 10 % off while compliant. Already past due.
        var q2 = await (await client.Report(id, "2030-Q2", 200_000)).ShouldBe(201);
        Assert.Equal((1_800_000L, "2030-07-30", "2030-08-15", "overdue"),
            (q2.Amount(), q2.GetProperty("dueOn").GetString(), q2.GetProperty("issuedOn").GetString(), q2.GetProperty("status").GetString()));
        Assert.Equal((true, true, 1), (q2.GetProperty("report").GetProperty("late").GetBoolean(), q2.Compliant(), q2.GetProperty("report").GetProperty("rateCardVersion").GetInt32()));

        // The current quarter: priced on today's most-favoured terms (v2), at full price now that Q2 is overdue.
        var q3 = await (await client.Report(id, "2030-Q3", 100_000)).ShouldBe(201);
        Assert.Equal((2_000_000L, "2030-10-30", "open", false), (q3.Amount(), q3.GetProperty("dueOn").GetString(), q3.GetProperty("status").GetString(), q3.Compliant()));
        Assert.Equal((false, 2), (q3.GetProperty("report").GetProperty("late").GetBoolean(), q3.GetProperty("report").GetProperty("rateCardVersion").GetInt32()));

        // Past sales are accepted late in any region: 300 001..400 000 at 20 ¢ × R2's 50 %.
        var q1 = await (await client.Report(id, "2030-Q1", 100_000, region: "R2")).ShouldBe(201);
        Assert.Equal((1_000_000L, "2030-04-30"), (q1.Amount(), q1.GetProperty("dueOn").GetString()));

        await (await client.Report(id, "2030-Q4", 1)).ShouldBeProblem(422, "period_in_future", "period");
        await (await client.Report(id, "2029-Q4", 1)).ShouldBeProblem(422, "period_outside_licence", "period");
        await (await client.Report(id, "2030-Q2", 1)).ShouldBeProblem(409, "report_exists", "period");
        await (await client.Report(id, "2030-Q2", 1, category: "encoder")).ShouldBeProblem(400, "unknown_category", "category");
        await (await client.Report(id, "2030-Q2", 1_000_000_000_001, category: "x")).ShouldBeProblem(400, "invalid_units", "units");
        Assert.Equal(["2030-Q2", "2030-Q3", "2030-Q1"], (await client.Invoices(id)).Select(i => i.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task A_royalty_report_replayed_with_its_key_is_recorded_once()
    {
        var pool = await market.NewPool();
        var licensee = await market.Admin().NewKey("company", "licensee");
        var id = await market.Acquire(pool, licensee);
        var client = market.Client(licensee);
        var period = LicenceSteps.Quarter(market.Clock.Today).ToString();

        var first = await client.Report(id, period, 300_000, key: "report-1");
        var text = await first.Content.ReadAsStringAsync();
        Assert.Equal(201, (int)first.StatusCode);
        var replay = await client.Report(id, period, 300_000, key: "report-1");
        Assert.Equal((201, text), ((int)replay.StatusCode, await replay.Content.ReadAsStringAsync()));
        await (await client.Report(id, period, 300_001, key: "report-1")).ShouldBeProblem(422, "idempotency_key_reused", "Idempotency-Key");

        var invoice = Assert.Single(await client.Invoices(id));
        Assert.Equal(4_000_000L, invoice.Amount()); // 200 000 × 20 ¢, counted once
    }
}
