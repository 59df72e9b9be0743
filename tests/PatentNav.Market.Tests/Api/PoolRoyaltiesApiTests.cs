using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// The AVC worked example of <c>Pools/AvcWorkedExampleTests</c> through REST, a licence year of
/// quarterly reports walked on the test clock. The clock starts on 2030-01-02, the card's and the
/// licence's first day; licence year 0 runs to 2031-01-01.
/// </summary>
public sealed class PoolRoyaltiesApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Reports_cross_both_tier_boundaries_then_the_cap_within_one_licence_year()
    {
        var pool = await market.NewPool();
        var licensee = await market.Admin().NewKey("company", "licensee");
        var id = await market.Acquire(pool, licensee);
        var client = market.Client(licensee);
        var licence = market.Grains.GetGrain<ILicenceGrain>(id);

        // Q1: units 1..60 000, all free. A zero invoice is settled at once.
        market.Clock.SetToday(new DateOnly(2030, 4, 7));
        var q1 = await (await client.Report(id, "2030-Q1", 60_000)).ShouldBe(201);
        Assert.Equal((0L, "paid", false), (q1.Amount(), q1.GetProperty("status").GetString(), q1.GetProperty("report").GetProperty("late").GetBoolean()));
        Assert.Equal((0, 1), (q1.GetProperty("report").GetProperty("licenceYear").GetInt32(), q1.GetProperty("report").GetProperty("rateCardVersion").GetInt32()));

        // Q2: 60 001..100 000 free, 100 001..1 060 000 at 20 ¢ = 19 200 000 ¢, due 30 days after 30 June.
        market.Clock.SetToday(new DateOnly(2030, 7, 7));
        var q2 = await (await client.Report(id, "2030-Q2", 1_000_000)).ShouldBe(201);
        Assert.Equal((19_200_000L, "open", "2030-07-30", true), (q2.Amount(), q2.GetProperty("status").GetString(), q2.GetProperty("dueOn").GetString(), q2.Compliant()));

        // Q2 is not paid by its due date: its reminder flags it overdue, and Q3 is reported non-compliant.
        market.Clock.SetToday(new DateOnly(2030, 10, 7));
        var q2Id = q2.GetProperty("id").GetString()!;
        var audit = market.Factory.Services.GetRequiredService<IAuditTrail>();
        await market.Grains.Tick<ILicenceGrain>(id, $"invoice-due:{q2Id}");
        Assert.Contains(await audit.History("licence", id, 0, 100), e => e.Operation == $"reminder:invoice-due:{q2Id}");
        Assert.Equal("overdue", (await client.Invoices(id))[1].GetProperty("status").GetString());

        // Q3: 1 060 001..5 000 000 at 20 ¢ + 5 000 001..11 060 000 at 10 ¢ = 139 400 000 ¢.
        var q3 = await (await client.Report(id, "2030-Q3", 10_000_000)).ShouldBe(201);
        Assert.Equal((139_400_000L, false), (q3.Amount(), q3.Compliant()));

        // Paid up, Q4 is compliant again. 90 000 000 × 10 ¢ would pass the cap: charged only up to 975 000 000 ¢.
        market.Clock.SetToday(new DateOnly(2031, 1, 1));
        await licence.PayInvoice(q2Id, new InvoicePayment("offline", "BANK-2030-0001", new Money(q2.Amount(), "USD"), new DateOnly(2030, 10, 8)));
        await licence.PayInvoice(q3.GetProperty("id").GetString()!, new InvoicePayment("offline", "BANK-2030-0002", new Money(q3.Amount(), "USD"), new DateOnly(2030, 10, 20)));
        var q4 = await (await client.Report(id, "2030-Q4", 90_000_000)).ShouldBe(201);
        Assert.Equal((816_400_000L, true, 0), (q4.Amount(), q4.Compliant(), q4.GetProperty("report").GetProperty("licenceYear").GetInt32()));

        var invoices = await client.Invoices(id);
        Assert.Equal([0L, 19_200_000L, 139_400_000L, 816_400_000L], invoices.Select(i => i.Amount()));
        Assert.Equal(["paid", "paid", "paid", "open"], invoices.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(975_000_000L, invoices.Sum(i => i.Amount()));

        // Licence year 1 starts on 2031-01-02 and counts from unit 1 again: 100 000 free, 50 000 × 20 ¢.
        market.Clock.SetToday(new DateOnly(2031, 4, 3));
        var next = await (await client.Report(id, "2031-Q1", 150_000)).ShouldBe(201);
        Assert.Equal((1_000_000L, 1), (next.Amount(), next.GetProperty("report").GetProperty("licenceYear").GetInt32()));

        // Non-discrimination: another licensee reporting all 11 060 000 units at once pays what Q1–Q3 cost together.
        var other = await market.Admin().NewKey("company", "licensee");
        var otherId = await market.Acquire(pool, other);
        var once = await (await market.Client(other).Report(otherId, "2031-Q2", 11_060_000)).ShouldBe(201);
        Assert.Equal(158_600_000L, once.Amount());
    }
}
