using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>
/// The <see cref="ILedger"/> of one activation: postings wait here until the grain writes its
/// state, then travel in the same <see cref="Storage.GrainWrite"/>. A dropped activation drops them.
/// </summary>
internal sealed class LedgerBuffer : ILedger
{
    private readonly List<Posting> _staged = [];

    public void Post(Posting posting)
    {
        posting.Validate();
        if (_staged.Any(p => p.Id == posting.Id))
            throw new InvalidOperationException($"Posting {posting.Id} is staged twice.");
        _staged.Add(posting);
    }

    public IReadOnlyList<Posting> Drain()
    {
        var postings = _staged.ToList();
        _staged.Clear();
        return postings;
    }
}
