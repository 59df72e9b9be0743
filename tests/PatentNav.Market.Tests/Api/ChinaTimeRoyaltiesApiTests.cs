using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Quarters, due dates and payment days follow Beijing time on PostgreSQL: 00:30 Beijing time on 1 April
/// is still 31 March in UTC (16:30 UTC), but the market's day is already 1 April, in Q2.
/// </summary>
public sealed class ChinaTimeRoyaltiesApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static readonly DateTimeOffset BeijingMarch31At2330 = DateTimeOffset.Parse("2030-03-31T15:30:00Z");
    private static readonly DateTimeOffset BeijingApril1At0030 = DateTimeOffset.Parse("2030-03-31T16:30:00Z");

    [Fact]
    public async Task A_report_and_a_payment_at_00_30_Beijing_time_on_1_April_belong_to_Q2_and_an_invoice_falls_overdue_at_Beijing_midnight()
    {
        var pool = await market.NewPool();
        var licensee = await market.Admin().NewKey("company", "licensee");
        var id = await market.Acquire(pool, licensee);
        var client = market.Client(licensee);
        var op = market.Client(pool.Administrator);

        // 23:30 on 31 March in Beijing: Q1 is the current quarter, Q2 has not begun.
        market.Clock.SetUtc(BeijingMarch31At2330);
        var q1 = await (await client.Report(id, "2030-Q1", 200_000)).ShouldBe(201);
        Assert.Equal(("2030-03-31", "2030-04-30", "open"), (q1.GetProperty("issuedOn").GetString(), q1.GetProperty("dueOn").GetString(), q1.GetProperty("status").GetString()));
        await (await client.Report(id, "2030-Q2", 1)).ShouldBeProblem(422, "period_in_future", "period");

        // An hour later it is 1 April in Beijing (still 31 March in UTC): Q2 is current, and its invoice is issued and paid on 1 April.
        market.Clock.SetUtc(BeijingApril1At0030);
        Assert.Equal(new DateOnly(2030, 4, 1), market.Clock.Today);
        var q2 = await (await client.Report(id, "2030-Q2", 200_000)).ShouldBe(201);
        Assert.Equal(("2030-Q2", "2030-04-01", "2030-07-30", false),
            (q2.GetProperty("period").GetString(), q2.GetProperty("issuedOn").GetString(), q2.GetProperty("dueOn").GetString(), q2.GetProperty("report").GetProperty("late").GetBoolean()));
        var paid = await (await op.Pay(q2.Id(), "BANK-2030-0401", q2.Amount())).ShouldBe(201);
        Assert.Equal(("paid", "2030-04-01"), (paid.GetProperty("status").GetString(), paid.GetProperty("paidOn").GetString()));

        // A licence taken at that instant starts on the Beijing date; its CNIPA filing is due three months on.
        var second = await market.Acquire(pool, await market.Admin().NewKey("company", "licensee"));
        var licence = await market.Admin().Licence(second);
        Assert.Equal(("2030-04-01", "2030-07-01"),
            (licence.GetProperty("scope").GetProperty("start").GetString(), licence.GetProperty("cnipaFiling").GetProperty("dueOn").GetString()));

        // Q1's invoice falls overdue at 00:00 Beijing time after its due date, 16:00 UTC on 30 April, not at UTC midnight.
        var reminder = $"invoice-due:{q1.Id()}";
        market.Clock.SetUtc(DateTimeOffset.Parse("2030-04-30T15:30:00Z")); // 23:30 on the due date in Beijing: an early tick changes nothing
        await market.Grains.Tick<ILicenceGrain>(id, reminder);
        Assert.Equal(("open", 0), ((await op.Invoices(id))[0].GetProperty("status").GetString(), await market.Journaled(id, $"reminder:{reminder}")));

        market.Clock.SetUtc(DateTimeOffset.Parse("2030-04-30T16:30:00Z")); // 00:30 on 1 May in Beijing
        Assert.Equal("overdue", (await op.Invoices(id))[0].GetProperty("status").GetString());
        await market.Grains.Tick<ILicenceGrain>(id, reminder);
        Assert.Equal(1, await market.Journaled(id, $"reminder:{reminder}"));
    }
}
