using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pledges;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>The deal's schedule through REST (§2, §8): each line's interest rounded on its own, and rebuilt when principal is prepaid.</summary>
public static class PledgeSchedule
{
    /// <summary>445 000 000 fen (4.45 M CNY) at 435 bps for 12 months, bullet, on a 10 M invention, disbursed 2 Jan 2030.</summary>
    public static async Task<(PledgeCast Cast, JsonElement Active)> Loan(ClockedMarket market)
    {
        var cast = await market.ApplyDeal(445_000_000, 1_000_000_000);
        return (cast, await market.Activate(cast));
    }

    public static JsonElement[] Lines(this JsonElement deal) => [.. deal.GetProperty("schedule").EnumerateArray()];

    public static DateOnly Due(this JsonElement line) => DateOnly.Parse(line.GetProperty("due").GetString()!);

    /// <summary>ACT/360 on <paramref name="principal"/> from <paramref name="from"/> to the line's due date, rounded half-even.</summary>
    public static long Interest(long principal, DateOnly from, DateOnly to) =>
        (long)Rational.RoundHalfEven((Int128)principal * 435 * (to.DayNumber - from.DayNumber), (Int128)InterestAccrual.Denominator);
}

public sealed class PledgeScheduleRoundingApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Every_schedule_line_charges_its_own_periods_exact_interest_rounded_half_even_and_the_deal_posts_just_that()
    {
        var (cast, active) = await PledgeSchedule.Loan(market);
        var from = new DateOnly(2030, 1, 2);
        foreach (var line in active.Lines())
        {
            Assert.Equal(PledgeSchedule.Interest(445_000_000, from, line.Due()), line.GetProperty("interest").GetInt64());
            from = line.Due();
        }
        // 445 000 000 × 435 × 31 / 3 600 000 = 1 666 895.83 → 1 666 896 (with fractions carried between months it was 1 666 895).
        var september = active.Lines().Single(l => l.Due() == new DateOnly(2030, 9, 2));
        Assert.Equal(1_666_896, september.GetProperty("interest").GetInt64());

        // Paid on every due date exactly as scheduled, the loan is never in arrears and each post is the line.
        var bank = market.Client(cast.Bank);
        foreach (var line in active.Lines().SkipLast(1))
        {
            market.Clock.SetToday(line.Due());
            await (await bank.Repay(cast, line.GetProperty("interest").GetInt64())).ShouldBe(200);
        }
        market.Clock.SetToday(new DateOnly(2031, 1, 3));
        await market.Grains.Tick<IPledgeDealGrain>(cast.Id, "pledge-daily");
        var deal = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        var last = active.Lines()[^1];
        Assert.Equal(("overdue", last.GetProperty("interest").GetInt64()), (deal.State(), deal.Fen("interestDue"))); // only the last line is open
        // Posted interest is the sum of the lines, fen for fen.
        Assert.Equal(active.Lines().Sum(l => l.GetProperty("interest").GetInt64()), await market.Balance(PledgeAccounts.InterestEarned(cast.Id), "CNY"));
        await market.AssertTrialBalanceIsZero();
    }
}

public sealed class PledgeSchedulePrepaymentApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task A_prepayment_rebuilds_the_schedule_so_interest_runs_on_the_principal_left()
    {
        var (cast, active) = await PledgeSchedule.Loan(market);
        var bank = market.Client(cast.Bank);
        market.Clock.SetToday(new DateOnly(2030, 1, 12));
        var seen = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        var tenDays = seen.Fen("accruedInterest");
        Assert.Equal(PledgeSchedule.Interest(445_000_000, new DateOnly(2030, 1, 2), new DateOnly(2030, 1, 12)), tenDays); // 537 708

        var paid = await (await bank.Repay(cast, tenDays + 5_000_000)).ShouldBe(200);
        Assert.Equal(440_000_000, paid.Fen("outstandingPrincipal"));
        var lines = paid.Lines();
        // The prepayment is a line of its own; every later line charges interest on 440 000 000 from 12 Jan, maturity unchanged.
        Assert.Equal(("2030-01-12", 5_000_000L, tenDays), (lines[0].GetProperty("due").GetString(), lines[0].GetProperty("principal").GetInt64(), lines[0].GetProperty("interest").GetInt64()));
        var from = new DateOnly(2030, 1, 12);
        foreach (var line in lines.Skip(1))
        {
            Assert.Equal(PledgeSchedule.Interest(440_000_000, from, line.Due()), line.GetProperty("interest").GetInt64());
            from = line.Due();
        }
        Assert.Equal(1_116_500, lines[1].GetProperty("interest").GetInt64()); // 21 days on 440 000 000 (it said 1 666 896 on 445 000 000)
        Assert.Equal((active.GetProperty("maturity").GetString(), 440_000_000L), (lines[^1].GetProperty("due").GetString(), lines[^1].GetProperty("principal").GetInt64()));
        Assert.Equal(445_000_000, lines.Sum(l => l.GetProperty("principal").GetInt64()));

        // On 2 Feb the deal has accrued exactly the rebuilt line; paying it leaves nothing overdue.
        market.Clock.SetToday(new DateOnly(2030, 2, 2));
        var due = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(1_116_500, due.Fen("interestDue") + due.Fen("accruedInterest"));
        await (await bank.Repay(cast, 1_116_500)).ShouldBe(200);
        market.Clock.SetToday(new DateOnly(2030, 2, 3));
        await market.Grains.Tick<IPledgeDealGrain>(cast.Id, "pledge-daily");
        var after = await (await bank.GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(("active", 0L, "2030-03-02"), (after.State(), after.Fen("interestDue"), after.GetProperty("nextDueDate").GetString()));
        await market.AssertTrialBalanceIsZero();
    }
}
