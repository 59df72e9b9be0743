using PatentNav.Market.Grains.Abstractions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Tests.Runtime;

public interface IWalletGrain : IGrainWithStringKey
{
    /// <summary>Moves money from outside into the wallet's account; the posting id makes it happen once.</summary>
    Task<long> Deposit(string postingId, long amount);
    Task DepositThenFail(string postingId, long amount);
    Task<long> Balance();
}

public sealed class WalletState
{
    public long Balance { get; set; }
}

public sealed class WalletGrain(IPersistentState<WalletState> wallet, ILedger ledger) : Grain, IWalletGrain
{
    public string Account => $"wallet:{GetPrimaryKeyString()}";

    public async Task<long> Deposit(string postingId, long amount)
    {
        var balance = wallet.State.Balance;
        await Task.Yield();
        ledger.Post(Posting.Transfer(postingId, LedgerAccounts.Clearing("test"), Account, new Money(amount, "CNY"), "deposit"));
        wallet.State.Balance = balance + amount;
        await wallet.WriteStateAsync();
        return wallet.State.Balance;
    }

    public Task DepositThenFail(string postingId, long amount)
    {
        ledger.Post(Posting.Transfer(postingId, LedgerAccounts.Clearing("test"), Account, new Money(amount, "CNY"), "deposit"));
        throw DomainException.Unprocessable("test_refusal", "Refused after staging a posting.");
    }

    public Task<long> Balance() => Task.FromResult(wallet.State.Balance);
}
