using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>One account of the trial balance: its balance per currency.</summary>
public sealed record TrialBalanceAccount(string Account, IReadOnlyList<Money> Balances);

/// <summary>Every account, the sum per currency, and whether every sum is zero (§9: it is, at every commit).</summary>
public sealed record TrialBalanceResponse(IReadOnlyList<TrialBalanceAccount> Accounts, IReadOnlyList<Money> Totals, bool Balanced);
