using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Payments;

public sealed class PayoutDirectoryGrain([PersistentState("payout-directory", MarketStorage.Name)] IPersistentState<PayoutDirectoryState> directory)
    : Grain, IPayoutDirectoryGrain
{
    public async Task Register(PayoutEntry entry)
    {
        if (directory.State.Payouts.Any(p => p.PayoutId == entry.PayoutId)) return;
        directory.State.Payouts.Add(entry);
        await directory.WriteStateAsync();
    }

    public Task<PayoutEntry?> Find(string payoutId) => Task.FromResult(directory.State.Payouts.FirstOrDefault(p => p.PayoutId == payoutId));

    public Task<IReadOnlyList<PayoutEntry>> List(string? centerId) =>
        Task.FromResult<IReadOnlyList<PayoutEntry>>([.. directory.State.Payouts.Where(p => centerId is null || p.CenterId == centerId)]);
}
