using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// A pledge loan counts interest days on Beijing dates (on PostgreSQL, through REST): a loan disbursed
/// at 00:30 Beijing time (16:30 UTC the day before) starts on the Beijing date, and a new interest day
/// starts at each Beijing midnight, while it is still the previous day in UTC.
/// </summary>
public sealed class ChinaTimePledgeApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Interest_days_are_counted_between_Beijing_dates_across_a_midnight_that_is_still_the_previous_UTC_day()
    {
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        market.Clock.SetUtc(DateTimeOffset.Parse("2030-01-02T16:30:00Z")); // 00:30 on 3 January in Beijing
        var active = await market.Activate(cast);
        Assert.Equal("2030-02-03", active.GetProperty("nextDueDate").GetString()); // one month from the Beijing disbursement date
        var bank = market.Client(cast.Bank);

        // 23:59 on 2 February in Beijing, 15:59 UTC: 30 days, ACT/360: 100 000 000 × 435 × 30 / 3 600 000 = 362 500.
        market.Clock.SetUtc(DateTimeOffset.Parse("2030-02-02T15:59:00Z"));
        var before = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(362_500, before.Fen("interestDue") + before.Fen("accruedInterest"));

        // 00:00 on 3 February in Beijing, still 2 February in UTC: 31 days = 374 583.33.
        market.Clock.SetUtc(DateTimeOffset.Parse("2030-02-02T16:00:00Z"));
        var after = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(374_583, after.Fen("interestDue") + after.Fen("accruedInterest"));
    }
}
