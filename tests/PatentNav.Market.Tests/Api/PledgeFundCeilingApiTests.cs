using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// The compensation fund's annual ceiling (§8), shared by every deal the fund backs in a year: two 1 M loans default
/// and are converted (折价) at 600 000; the fund's 40 % of the first loss is cut to the ceiling, and the second deal of
/// the same year finds it spent. The bank bears what the fund withheld; the shares always sum to the loss.
/// </summary>
public sealed class PledgeFundCeilingApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private const long Ceiling = 100_000_00;

    [Fact]
    public async Task The_funds_annual_ceiling_caps_its_share_across_deals_and_the_shares_still_sum_to_the_loss()
    {
        var agreement = new
        {
            currency = "CNY", fundId = $"gz-fund-{Guid.NewGuid():N}", fundAnnualCeiling = Ceiling, stopLossBps = 300,
            fundTiers = new[] { new { upTo = 500_000_000L, shareBps = 4_000 }, new { upTo = 1_500_000_000L, shareBps = 3_000 } },
        };
        var first = await market.ApplyDeal(1_000_000_00, 3_000_000_00, graceDays: 10, riskSharing: agreement);
        var second = await market.ApplyDeal(1_000_000_00, 3_000_000_00, graceDays: 10, riskSharing: agreement);
        await market.Activate(first);
        await market.Activate(second);
        market.Clock.SetToday(new DateOnly(2030, 2, 13)); // first interest (due 2 Feb) unpaid 11 days, grace 10

        var loss1 = await Settle(first);
        Assert.True(Math.Round(loss1.GetProperty("loss").GetInt64() * 0.4m) > Ceiling); // 40 % would exceed the ceiling
        Assert.Equal(Ceiling, loss1.GetProperty("fund").GetInt64());

        var loss2 = await Settle(second);
        Assert.Equal(0, loss2.GetProperty("fund").GetInt64()); // the year's ceiling is spent
        Assert.Equal(loss2.GetProperty("loss").GetInt64(), loss2.GetProperty("bank").GetInt64());
        await market.Factory.Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task A_negative_ceiling_is_refused()
    {
        var agreement = new { currency = "CNY", fundAnnualCeiling = -1L, fundTiers = Array.Empty<object>() };
        var admin = market.Admin();
        var pledgor = await admin.NewKey("company", "licensor");
        var bank = await admin.NewKey("bank", "financier");
        var number = await admin.NewPatent(pledgor.PartyId);
        var body = new
        {
            pledgorId = pledgor.PartyId, financierId = bank.PartyId, patents = new[] { number }, principal = new { amount = 100_00L, currency = "CNY" },
            product = new { annualRateBps = 435, termMonths = 12 }, riskSharing = agreement,
        };
        await (await market.Client(pledgor).PostWithKey("/api/v1/pledges", body, Guid.NewGuid().ToString())).ShouldBeProblem(400, "invalid_amount", "fundAnnualCeiling");
    }

    /// <summary>Declares the default, converts at 600 000 and checks the split is exact; returns the loss shares.</summary>
    private async Task<System.Text.Json.JsonElement> Settle(PledgeCast cast)
    {
        var bank = market.Client(cast.Bank);
        Assert.Equal("defaulted", (await (await bank.PostJson($"{cast.Url}/default", new { })).ShouldBe(200)).State());
        var settled = await (await bank.Dispose(cast, new { method = "conversion", amount = new { amount = 600_000_00L, currency = "CNY" } })).ShouldBe(200);
        var loss = settled.GetProperty("loss");
        Assert.Equal(loss.GetProperty("loss").GetInt64(), loss.GetProperty("fund").GetInt64() + loss.GetProperty("guarantor").GetInt64() + loss.GetProperty("bank").GetInt64());
        return loss;
    }
}
