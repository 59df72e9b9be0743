using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Ledger;

/// <summary>One line of a posting: <paramref name="Amount"/> minor units into (positive) or out of (negative) an account.</summary>
[GenerateSerializer]
[Immutable]
public sealed record LedgerEntry(string Account, long Amount);

/// <summary>
/// A balanced movement of money in one currency (§9): its entries sum to zero, so the sum of all
/// balances per currency stays zero. Append-only: a correction is a reversing posting. The id is
/// derived from what causes the movement (an invoice payment, a distribution line…), and the
/// ledger refuses a second posting with the same id, so a re-run can never move money twice.
/// <paramref name="ValueDate"/> is the (China) date the movement took effect when that is not the day it is
/// written: a payment received on a past day and imported later (onboarding). Null: the day it is written.
/// </summary>
[GenerateSerializer]
public sealed record Posting(string Id, string Currency, string Memo, IReadOnlyList<LedgerEntry> Entries, DateOnly? ValueDate = null)
{
    /// <summary>Moves <paramref name="amount"/> from one account to another.</summary>
    public static Posting Transfer(string id, string from, string to, Money amount, string memo) =>
        new(id, amount.Currency, memo, [new LedgerEntry(from, -amount.Amount), new LedgerEntry(to, amount.Amount)]);

    /// <summary>The posting that undoes this one.</summary>
    public Posting Reversal(string id, string memo) => new(id, Currency, memo, [.. Entries.Select(e => e with { Amount = -e.Amount })]);

    /// <summary>Throws unless the posting is well formed: an id, a known currency, two or more entries, a zero sum.</summary>
    public Posting Validate()
    {
        if (string.IsNullOrWhiteSpace(Id)) throw new InvalidOperationException("A posting needs an id.");
        if (!Currencies.IsKnown(Currency)) throw new InvalidOperationException($"Posting {Id}: unknown currency {Currency}.");
        if (Entries.Count < 2) throw new InvalidOperationException($"Posting {Id} needs at least two entries.");
        if (Entries.Any(e => string.IsNullOrWhiteSpace(e.Account))) throw new InvalidOperationException($"Posting {Id} has an entry without account.");
        var sum = Entries.Aggregate(Int128.Zero, (total, e) => total + e.Amount);
        if (sum != 0) throw new InvalidOperationException($"Posting {Id} is unbalanced by {sum}.");
        return this;
    }
}

/// <summary>A posting id was used before: the movement it names has happened already, and the whole write is refused.</summary>
[GenerateSerializer]
public sealed class DuplicatePostingException(string postingId) : InvalidOperationException($"Ledger posting {postingId} exists already.")
{
    [Id(0)]
    public string PostingId { get; } = postingId;
}
