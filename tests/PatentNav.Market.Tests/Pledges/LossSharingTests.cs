using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

public class LossSharingTests
{
    private static readonly RiskSharingAgreement Guangzhou = RiskSharingAgreement.Guangzhou2025();
    private static readonly BankLossRecord Healthy = new(Cny(10_000_000), Cny(1_000_000_000)); // 1 %

    private static LossShares Split(long principal, long outstanding, long recoveries, long? remaining = null,
        BankLossRecord? bank = null, RiskSharingAgreement? agreement = null) =>
        LossSharing.Split(agreement ?? Guangzhou, principal, outstanding, recoveries, remaining, bank ?? Healthy);

    [Theory]
    [InlineData(3_000_000, 2_500_000, 1_000_000, 600_000)]      // ≤ 5 M: 40 % of 1.5 M
    [InlineData(5_000_000, 5_000_000, 0, 2_000_000)]            // exactly 5 M is still the first tier
    [InlineData(10_000_000, 8_000_000, 2_000_000, 1_800_000)]   // ≤ 15 M: 30 % of 6 M
    [InlineData(20_000_000, 12_000_000, 2_000_000, 2_000_000)]  // ≤ 30 M: 20 % of 10 M
    [InlineData(40_000_000, 30_000_000, 10_000_000, 0)]         // above 30 M: no fund
    public void The_fund_covers_its_tier_share_and_the_bank_the_rest(long principal, long outstanding, long recoveries, long fund)
    {
        var shares = Split(Cny(principal), Cny(outstanding), Cny(recoveries));
        Assert.Equal(new LossShares(Cny(outstanding - recoveries), Cny(fund), 0, Cny(outstanding - recoveries - fund)), shares);
    }

    [Fact]
    public void One_fen_above_5_million_drops_to_the_30_percent_tier()
    {
        Assert.Equal(3_000, Guangzhou.FundShareBps(Cny(5_000_000) + 1));
        Assert.Equal(0, Guangzhou.FundShareBps(Cny(30_000_000) + 1));
    }

    [Fact]
    public void The_annual_ceiling_caps_the_fund_and_the_bank_bears_the_shortfall()
    {
        Assert.Equal(new LossShares(Cny(6_000_000), Cny(1_000_000), 0, Cny(5_000_000)),
            Split(Cny(10_000_000), Cny(8_000_000), Cny(2_000_000), remaining: Cny(1_000_000)));
        Assert.Equal(0, Split(Cny(10_000_000), Cny(8_000_000), 0, remaining: 0).Fund);
    }

    [Fact]
    public void The_fund_stops_paying_a_bank_whose_loss_ratio_passes_3_percent()
    {
        BankLossRecord atThree = new(Cny(30_000_000), Cny(1_000_000_000)), above = atThree with { BadLoanLosses = Cny(30_000_000) + 1 };
        Assert.Equal(Cny(600_000), Split(Cny(3_000_000), Cny(1_500_000), 0, bank: atThree).Fund);
        Assert.Equal(new LossShares(Cny(1_500_000), 0, 0, Cny(1_500_000)), Split(Cny(3_000_000), Cny(1_500_000), 0, bank: above));
    }

    [Fact]
    public void A_guarantor_takes_its_share_of_the_whole_loss()
    {
        var shares = Split(Cny(3_000_000), Cny(1_500_000), 0, agreement: RiskSharingAgreement.Guangzhou2025(guarantorShareBps: 2_500));
        Assert.Equal(new LossShares(Cny(1_500_000), Cny(600_000), Cny(375_000), Cny(525_000)), shares);
    }

    [Fact]
    public void Rounding_is_half_even_in_order_fund_then_guarantor_and_the_bank_takes_the_remainder()
    {
        var halves = new RiskSharingAgreement("CNY", [new FundTier(long.MaxValue, 5_000)], GuarantorShareBps: 5_000);
        Assert.Equal(new LossShares(3, 2, 1, 0), Split(1, 3, 0, agreement: halves)); // 1.5 → 2, then 1.5 → 2 capped at 1
        Assert.Equal(new LossShares(1, 0, 0, 1), Split(1, 1, 0));                     // 40 % of 1 fen → 0
        Assert.Equal(new LossShares(0, 0, 0, 0), Split(Cny(1_000_000), Cny(500_000), Cny(600_000))); // recoveries beyond the debt
    }

    [Fact]
    public void Agreements_are_validated_field_by_field()
    {
        Assert.Same(Guangzhou.Currency, RiskSharingRules.Validate(Guangzhou).Currency);
        Assert.Equal("fundTiers[1].upTo", Refusal(() => RiskSharingRules.Validate(Guangzhou with { FundTiers = [new(10, 100), new(10, 100)] })).Field);
        Assert.Equal("guarantorShareBps", Refusal(() => RiskSharingRules.Validate(Guangzhou with { GuarantorShareBps = 10_001 })).Field);
        var tooMuch = Refusal(() => RiskSharingRules.Validate(Guangzhou with { GuarantorShareBps = 6_500 }));
        Assert.Equal(("shares_exceed_loss", "fundTiers[0].shareBps"), (tooMuch.Code, tooMuch.Field));
        Assert.Equal("stopLossBps", Refusal(() => RiskSharingRules.Validate(Guangzhou with { StopLossBps = -1 })).Field);
    }
}
