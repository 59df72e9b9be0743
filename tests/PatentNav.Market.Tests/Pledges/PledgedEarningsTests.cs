using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Pledges;
using static PatentNav.Market.Tests.Pledges.PledgeFixtures;

namespace PatentNav.Market.Tests.Pledges;

/// <summary>Art. 444 routing of what a pledged patent earns, the auction checks and who may be a financier (§8).</summary>
public class PledgedEarningsTests
{
    private const string Owner = "licensor:pty_a:payable";

    [Fact]
    public void A_pledged_patents_earnings_go_to_its_pledge_escrow_and_an_unpledged_ones_to_the_owner()
    {
        Assert.Equal([new LedgerEntry(LedgerAccounts.Escrow("pledge", "P1"), 150_000)],
            PledgedEarnings.Credits(150_000, [new EarningPatent("P1", "pty_bank")], Owner));
        Assert.Equal([new LedgerEntry(Owner, 150_000)], PledgedEarnings.Credits(150_000, [new EarningPatent("P1", null)], Owner));
    }

    [Fact]
    public void Several_patents_share_equally_and_the_fen_left_over_go_to_the_first_ones_so_nothing_is_lost()
    {
        var credits = PledgedEarnings.Credits(100, [new("P1", null), new("P2", "pty_bank"), new("P3", null)], Owner);
        // 33 each, 1 left for P1: the owner gets P1's 34 and P3's 33, P2's escrow 33.
        Assert.Equal([new LedgerEntry(Owner, 67), new LedgerEntry(LedgerAccounts.Escrow("pledge", "P2"), 33)], credits);
        Assert.Equal(100, credits.Sum(c => c.Amount));
        // 2 fen over three patents: one each to P1 and P2, none to P3.
        Assert.Equal([new LedgerEntry(Owner, 1), new LedgerEntry(LedgerAccounts.Escrow("pledge", "P2"), 1)],
            PledgedEarnings.Credits(2, [new("P1", null), new("P2", "pty_bank"), new("P3", null)], Owner));
        Assert.Empty(PledgedEarnings.Credits(0, [new("P1", "pty_bank")], Owner));
    }

    [Fact]
    public void An_auction_needs_its_house_reference_and_a_hammer_price_at_or_above_the_reserve()
    {
        var day = new DateOnly(2030, 3, 1);
        var auction = new AuctionResult(" 广州产权交易所 ", "LOT-2030-17", day, 700_000_00, 0);
        var accepted = Disposals.RequireAuction(auction, new Money(700_000_00, "CNY"), "CNY", day);
        Assert.Equal(("广州产权交易所", 700_000_00L), (accepted.House, accepted.HammerPrice));

        var below = Refusal(() => Disposals.RequireAuction(auction, new Money(699_999_99, "CNY"), "CNY", day));
        Assert.Equal((PledgeCodes.BelowReservePrice, "price.amount"), (below.Code, below.Field));
        Assert.Equal("auctionHouse", Refusal(() => Disposals.RequireAuction(auction with { House = " " }, new Money(1, "CNY"), "CNY", day)).Field);
        Assert.Equal("auctionReference", Refusal(() => Disposals.RequireAuction(auction with { Reference = "" }, new Money(1, "CNY"), "CNY", day)).Field);
        Assert.Equal("date_in_future", Refusal(() => Disposals.RequireAuction(auction, new Money(800_000_00, "CNY"), "CNY", day.AddDays(-1))).Code);
        Assert.Equal(PledgeCodes.CurrencyMismatch, Refusal(() => Disposals.RequireAuction(auction, new Money(800_000_00, "USD"), "CNY", day)).Code);
        Assert.Equal(1L, Disposals.RequireAuction(auction with { ReservePrice = null }, new Money(1, "CNY"), "CNY", day).HammerPrice);
    }

    [Theory]
    [InlineData(PartyKind.Bank, true)]
    [InlineData(PartyKind.Company, false)]
    [InlineData(PartyKind.Fund, false)]
    [InlineData(PartyKind.Guarantor, false)]
    [InlineData(PartyKind.OperatingCenter, false)]
    public void Only_a_bank_is_a_financier(PartyKind kind, bool financier)
    {
        Assert.Equal(financier, PledgeParties.IsFinancier(kind));
        var party = new PartyView("pty_x", "x", kind, "CN", null, [], DateTimeOffset.UnixEpoch);
        if (financier) Assert.Same(party, PledgeParties.RequireFinancier(party));
        else Assert.Equal((PledgeCodes.NotAFinancier, "financierId"), (Refusal(() => PledgeParties.RequireFinancier(party)) is var e ? (e.Code, e.Field) : default));
    }
}
