using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Tests.Distributions;

/// <summary>Where the money goes: fees, payables, and pledge escrow for pledged patents (§8, art. 444).</summary>
public class DistributionPayoutsTests
{
    [Fact]
    public void One_balanced_posting_empties_the_collections_and_pays_fee_payables_and_escrow()
    {
        var amounts = DistributionCalculator.Compute(new Money(1_000, "CNY"), 1_000,
            [new Holding("P1", "pty_a", 90, Rational.Whole(1)), new Holding("P2", "pty_a", 90, Rational.Whole(1)), new Holding("P3", "pty_b", 90, Rational.Whole(2))]);
        var lines = DistributionPayouts.Lines(amounts, new Dictionary<string, string> { ["P2"] = "pty_bank" });
        CollectionDrawn[] collections =
        [
            new("2030-Q1", LedgerAccounts.PoolCollections("pool_x", "2030-Q1"), new Money(600, "CNY")),
            new("2030-Q2", LedgerAccounts.PoolCollections("pool_x", "2030-Q2"), new Money(400, "CNY")),
        ];

        var posting = DistributionPayouts.Posting("pool_x:2030-01-01:2030-07-01", "pty_center", amounts.AdminFee, collections, lines);

        Assert.Equal("dist:pool_x:2030-01-01:2030-07-01", posting.Id);
        Assert.Equal(
        [
            ("pool:pool_x:collections:2030-Q1", -600L), ("pool:pool_x:collections:2030-Q2", -400),
            ("center:pty_center:fees", 100), ("escrow:pledge:P2", 225), ("licensor:pty_a:payable", 225), ("licensor:pty_b:payable", 450),
        ], posting.Entries.Select(e => (e.Account, e.Amount)));

        var totals = DistributionPayouts.Totals(lines, "CNY");
        Assert.Equal([("pty_a", 450L, 225L, 225L), ("pty_b", 450L, 450L, 0L)],
            totals.Select(t => (t.LicensorId, t.Share.Amount, t.Payable.Amount, t.Escrowed.Amount)));
        Assert.Equal(("pty_bank", "escrow:pledge:P2"), (lines[1].PledgeeId, lines[1].PaidTo));
    }

    [Fact]
    public void Zero_amounts_are_left_out_of_the_posting()
    {
        var amounts = DistributionCalculator.Compute(new Money(5, "CNY"), 0, [new Holding("P1", "a", 9, Rational.Whole(1)), new Holding("P2", "b", 9, Rational.Zero)]);
        var lines = DistributionPayouts.Lines(amounts, new Dictionary<string, string>());

        var posting = DistributionPayouts.Posting("k", "c", amounts.AdminFee, [new("2030-Q1", "col", new Money(5, "CNY"))], lines);

        Assert.Equal([("col", -5L), ("licensor:a:payable", 5L)], posting.Entries.Select(e => (e.Account, e.Amount)));
    }
}
