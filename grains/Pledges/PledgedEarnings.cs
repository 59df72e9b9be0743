using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>One patent an amount was earned by, and its pledgee when the amount is booked (null: not pledged).</summary>
[GenerateSerializer]
[Immutable]
public sealed record EarningPatent(string Number, string? PledgeeId);

/// <summary>
/// Civil Code art. 444 (§8): what the pledgor earns by licensing or transferring a pledged patent goes to early repayment
/// or is deposited (提存). The market deposits it: a pledged patent's part is credited to <c>escrow:pledge:{number}</c>
/// (as its pool revenue is, §6), from which the financier applies it to the loan (<c>escrow-applications</c>), the sale
/// disposal recovers it, and release returns what is left to the pledgor. The pledge as recorded when the money is booked
/// decides. An amount earned by several patents is split equally among them (a licence or transfer prices the
/// patents together and names no split); the fen that do not divide go one each to the first patents, in the order the
/// licence or transfer lists them, so the parts sum to the amount exactly.
/// </summary>
public static class PledgedEarnings
{
    /// <summary>Where a patent's earnings go: its pledge escrow while pledged, else the owner's account.</summary>
    public static string AccountFor(EarningPatent patent, string ownerAccount) =>
        patent.PledgeeId is null ? ownerAccount : LedgerAccounts.Escrow("pledge", patent.Number);

    /// <summary>The credits of <paramref name="amount"/> (≥ 0) earned by <paramref name="patents"/>, one per account, in first-use order; zero parts are left out.</summary>
    public static IReadOnlyList<LedgerEntry> Credits(long amount, IReadOnlyList<EarningPatent> patents, string ownerAccount)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), "Earnings are not negative.");
        if (patents.Count == 0) return amount == 0 ? [] : [new LedgerEntry(ownerAccount, amount)];
        var (part, left) = (amount / patents.Count, amount % patents.Count);
        var credits = new List<LedgerEntry>();
        for (var i = 0; i < patents.Count; i++)
        {
            var share = part + (i < left ? 1 : 0);
            var account = AccountFor(patents[i], ownerAccount);
            var at = credits.FindIndex(c => c.Account == account);
            if (at >= 0) credits[at] = credits[at] with { Amount = credits[at].Amount + share };
            else credits.Add(new LedgerEntry(account, share));
        }
        return [.. credits.Where(c => c.Amount != 0)];
    }
}
