using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Pledges;

namespace PatentNav.Market.Grains.Distributions;

/// <summary>
/// Where a distribution's money goes, and the one posting that moves it: every collections account is emptied
/// (exactly the balance read), F goes to the administrator's fees, each share to its owner's payable, or, for a
/// pledged patent, to <c>escrow:pledge:{number}</c> (§8, Civil Code art. 444: what the pledgor earns from a
/// pledged patent is deposited, not paid to it).
/// </summary>
public static class DistributionPayouts
{
    public static string PostingId(string key) => $"dist:{key}";

    /// <summary>The pool whose distribution (or supplement, <c>dist:{poolId}:{start}:{end}:s{n}</c>) made the posting, or null for any other posting.</summary>
    public static string? PoolIdOf(string postingId) =>
        postingId.StartsWith("dist:", StringComparison.Ordinal) && postingId.Split(':') is [_, var poolId, _, _, ..] ? poolId : null;

    public static IReadOnlyList<DistributionLine> Lines(DistributionAmounts amounts, IReadOnlyDictionary<string, string> pledgees) =>
        [.. amounts.Shares.Select(s =>
        {
            var pledgee = pledgees.GetValueOrDefault(s.PatentNumber);
            var paidTo = PledgedEarnings.AccountFor(new EarningPatent(s.PatentNumber, pledgee), LedgerAccounts.LicensorPayable(s.OwnerId));
            return new DistributionLine(s.PatentNumber, s.OwnerId, s.Days, s.Weight.ToString(), new Money(s.Share, amounts.Collected.Currency), pledgee, paidTo);
        })];

    /// <summary>A distribution's holdings as it stored them (patent, owner, days, exact weight): a supplement shares with these.</summary>
    public static IReadOnlyList<Holding> Holdings(Distribution distribution) =>
        [.. distribution.Lines.Select(l => new Holding(l.PatentNumber, l.OwnerId, l.Days, Rational.Parse(l.Weight)))];

    public static IReadOnlyList<LicensorTotal> Totals(IReadOnlyList<DistributionLine> lines, string currency) =>
        [.. lines.GroupBy(l => l.OwnerId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LicensorTotal(g.Key,
                new Money(g.Sum(l => l.Share.Amount), currency),
                new Money(g.Where(l => l.PledgeeId is null).Sum(l => l.Share.Amount), currency),
                new Money(g.Where(l => l.PledgeeId is not null).Sum(l => l.Share.Amount), currency)))];

    /// <summary>The balanced posting: out of the collections, into fees, payables and escrows (zero amounts left out).</summary>
    public static Posting Posting(string key, string administratorId, Money fee, IReadOnlyList<CollectionDrawn> collections, IReadOnlyList<DistributionLine> lines)
    {
        var entries = new List<LedgerEntry>();
        entries.AddRange(collections.Where(c => c.Amount.Amount != 0).Select(c => new LedgerEntry(c.Account, -c.Amount.Amount)));
        if (fee.Amount != 0) entries.Add(new LedgerEntry(LedgerAccounts.AdminFees(administratorId), fee.Amount));
        entries.AddRange(lines.GroupBy(l => l.PaidTo, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LedgerEntry(g.Key, g.Sum(l => l.Share.Amount)))
            .Where(e => e.Amount != 0));
        return new Posting(PostingId(key), fee.Currency, $"Distribution {key}", entries).Validate();
    }
}
