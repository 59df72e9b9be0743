using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Ledger accounts of a pledge deal and their signs. <see cref="LedgerAccounts"/> says a balance is what
/// the market holds and clearing goes negative as money comes in; so money lent OUT makes the loan accounts
/// NEGATIVE: <see cref="LedgerAccounts.LoanPrincipal"/> and <see cref="LedgerAccounts.LoanInterest"/> read
/// −(what the borrower owes). Disbursement: principal −P, clearing +P (money left). Interest posted:
/// interest −I, <see cref="InterestEarned"/> +I (held for the financier). Repayment A = i + p: clearing −A,
/// interest +i, principal +p. After a full repayment both loan accounts are zero and clearing holds −I,
/// the interest that came in, matching interest earned +I.
/// </summary>
public static class PledgeAccounts
{
    public static string InterestEarned(string dealId) => $"loan:{dealId}:interest-earned";

    /// <summary>The part of a loss a guarantor or the bank bears (negative: value given up).</summary>
    public static string LossBorne(string dealId, string bearer) => $"loan:{dealId}:loss:{bearer}";

    public const string Provider = "offline";
}
