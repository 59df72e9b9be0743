
namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// A financier's book, keyed by the financier's party id: the deal ids (for the portfolio fan-out) and the
/// bank's loans and bad-loan losses, which the fund's 3 % stop-loss is tested against (§8).
/// </summary>
public interface IFinancierPortfolioGrain : IGrainWithStringKey
{
    Task Add(string dealId);
    Task RecordLoan(string dealId, long principal);
    Task RecordLoss(string dealId, long bankLoss);
    Task<IReadOnlyList<string>> Deals();
    Task<BankLossRecord> LossRecord();
}

[GenerateSerializer]
public sealed class FinancierPortfolioState
{
    [Id(0)]
    public List<string> Deals { get; set; } = [];
    [Id(1)]
    public Dictionary<string, long> Loans { get; set; } = [];
    [Id(2)]
    public Dictionary<string, long> Losses { get; set; } = [];
}

/// <summary>Each record is keyed by deal, so a repeated call (a re-run) changes nothing.</summary>
public sealed class FinancierPortfolioGrain([PersistentState("financier-portfolio", MarketStorage.Name)] IPersistentState<FinancierPortfolioState> book) : Grain, IFinancierPortfolioGrain
{
    public async Task Add(string dealId)
    {
        if (book.State.Deals.Contains(dealId)) return;
        book.State.Deals.Add(dealId);
        await book.WriteStateAsync();
    }

    public async Task RecordLoan(string dealId, long principal)
    {
        if (book.State.Loans.TryGetValue(dealId, out var known) && known == principal) return;
        book.State.Loans[dealId] = principal;
        await book.WriteStateAsync();
    }

    public async Task RecordLoss(string dealId, long bankLoss)
    {
        if (book.State.Losses.TryGetValue(dealId, out var known) && known == bankLoss) return;
        book.State.Losses[dealId] = bankLoss;
        await book.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Deals() => Task.FromResult<IReadOnlyList<string>>([.. book.State.Deals]);

    public Task<BankLossRecord> LossRecord() =>
        Task.FromResult(new BankLossRecord(book.State.Losses.Values.Sum(), book.State.Loans.Values.Sum()));
}
