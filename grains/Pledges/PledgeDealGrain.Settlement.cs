using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>Recoveries pay the pledgee first (interest, then principal); what is left is the loss, shared per the agreement.</summary>
public sealed partial class PledgeDealGrain
{
    /// <param name="sources">Where the recoveries are: the conversion's clearing, or the pledge escrows holding the sale's proceeds.</param>
    private async Task Settle(IReadOnlyList<(string Account, long Amount)> sources)
    {
        var s = S;
        var recoveries = sources.Sum(r => r.Amount);
        var (interest, principal) = (s.Balance.InterestDue, s.Balance.Principal);
        var outstanding = interest + principal;
        var applied = Math.Min(recoveries, outstanding);
        var portfolio = GrainFactory.GetGrain<IFinancierPortfolioGrain>(s.FinancierId);
        // The stop-loss uses the financier's own book; the annual ceiling the fund's year (shared by all its deals).
        var record = await portfolio.LossRecord();
        var shares = LossSharing.Split(s.Agreement, s.Principal, outstanding, recoveries, null, record);
        if (s.Agreement.FundAnnualCeiling is { } ceiling)
        {
            // Claim the uncapped share from the fund's year; splitting again with the grant as the remaining
            // ceiling caps the fund there and gives what it withheld to the bank, so the shares still sum exactly.
            var granted = await GrainFactory.GetGrain<IRiskFundYearGrain>(s.Agreement.FundKey(Today.Year)).Claim(Id, shares.Fund, ceiling);
            shares = LossSharing.Split(s.Agreement, s.Principal, outstanding, recoveries, granted, record);
        }

        var paidInterest = Math.Min(applied, interest);
        var recovery = sources.Where(r => r.Amount > 0).Select(r => new LedgerEntry(r.Account, -r.Amount)).ToList();
        if (paidInterest > 0) recovery.Add(new(LedgerAccounts.LoanInterest(Id), paidInterest));
        if (applied - paidInterest > 0) recovery.Add(new(LedgerAccounts.LoanPrincipal(Id), applied - paidInterest));
        // Recoveries above the debt (折价 agreed above it, or sale proceeds beyond it) belong to the pledgor.
        if (recoveries > applied) recovery.Add(new(LedgerAccounts.LicensorPayable(s.PledgorId), recoveries - applied));
        if (recoveries > 0) ledger.Post(new Posting($"pledge:{Id}:recovery", s.Currency, $"Pledge loan {Id} recovery", recovery));

        if (shares.Loss > 0)
        {
            var loss = new List<LedgerEntry>();
            if (interest - paidInterest > 0) loss.Add(new(LedgerAccounts.LoanInterest(Id), interest - paidInterest));
            if (principal - (applied - paidInterest) > 0) loss.Add(new(LedgerAccounts.LoanPrincipal(Id), principal - (applied - paidInterest)));
            if (shares.Fund > 0) loss.Add(new(LedgerAccounts.RiskFund, -shares.Fund));
            if (shares.Guarantor > 0) loss.Add(new(PledgeAccounts.LossBorne(Id, "guarantor"), -shares.Guarantor));
            if (shares.Bank > 0) loss.Add(new(PledgeAccounts.LossBorne(Id, "bank"), -shares.Bank));
            ledger.Post(new Posting($"pledge:{Id}:loss", s.Currency, $"Pledge loan {Id} loss written off and shared", loss));
            await portfolio.RecordLoss(Id, shares.Loss);
        }
        s.Balance = s.Balance with { Principal = 0, InterestDue = 0 };
        s.Loss = shares;
        s.Disposal = s.Disposal! with { Recoveries = recoveries, SettledOn = Today };
        Move(PledgeStatus.Settled, "settled", $"recovered {recoveries}, loss {shares.Loss}: fund {shares.Fund}, guarantor {shares.Guarantor}, bank {shares.Bank}");
    }
}
