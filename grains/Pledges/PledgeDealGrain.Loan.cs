using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>The running loan: disbursement, daily ACT/360 accrual posted monthly and at repayment, repayments (signs: <see cref="PledgeAccounts"/>).</summary>
public sealed partial class PledgeDealGrain
{
    private const string DailyReminder = "pledge-daily";

    public async Task<PledgeDealView> Disburse()
    {
        var s = RequireExists();
        s.Status = PledgeLifecycle.RequireDisbursable(s.Status);
        var today = Today;
        s.DisbursedOn = today;
        s.AccruedTo = today;
        s.Schedule = [.. RepaymentSchedules.Generate(s.Product, s.Principal, today)];
        s.Maturity = s.Schedule[^1].Due;
        s.Balance = LoanBalance.Disbursed(s.Principal);
        ledger.Post(Posting.Transfer($"pledge:{Id}:disburse", LedgerAccounts.LoanPrincipal(Id), LedgerAccounts.Clearing(PledgeAccounts.Provider),
            new Money(s.Principal, s.Currency), $"Pledge loan {Id} disbursed"));
        await GrainFactory.GetGrain<IFinancierPortfolioGrain>(s.FinancierId).RecordLoan(Id, s.Principal);
        // Daily: interest posting on due dates, arrears, and coverage on fresh valuations. Idempotent per day.
        await this.RegisterOrUpdateReminder(DailyReminder, TimeSpan.FromDays(1), TimeSpan.FromDays(1));
        Log("disbursed", $"{s.Principal} due {s.Maturity:yyyy-MM-dd}");
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> Repay(string repaymentId, Money amount)
    {
        var s = RequireExists();
        if (s.Repayments.Contains(repaymentId)) return View();
        RequireLive();
        Repayments.RequireLoanCurrency(amount, s.Currency);
        await CatchUp();
        Pay(repaymentId, amount.Amount, LedgerAccounts.Clearing(PledgeAccounts.Provider), "repayment");
        await CheckArrears();
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> ApplyEscrow(string applicationId)
    {
        var s = RequireExists();
        if (s.Repayments.Contains(applicationId)) return View();
        RequireLive();
        await CatchUp();
        var applied = false;
        foreach (var p in s.Patents)
        {
            // Read here, not by the caller: the grain runs one call at a time and an earlier application's postings
            // commit with its state write, so each read sees every earlier draw and two applications cannot overdraw.
            var escrow = LedgerAccounts.Escrow("pledge", p.Number);
            var available = (await ledgerQueries.Account(escrow, 1)).Balances.Where(b => b.Currency == s.Currency).Sum(b => b.Amount);
            var amount = Math.Min(available, s.Balance.Payoff);
            // The posting id names the application and the patent, so a re-run of this call posts under the same ids.
            if (amount > 0) { Pay($"{applicationId}:{p.Number}", amount, escrow, $"escrow of {p.Number}"); applied = true; }
        }
        if (!applied) throw DomainException.Unprocessable("escrow_empty", "No pledge escrow of this deal's patents holds money.", "patents");
        s.Repayments.Add(applicationId);
        await CheckArrears();
        await deal.WriteStateAsync();
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!S.Exists || !PledgeLifecycle.IsLive(S.Status)) { await this.Done(reminderName); return; }
        await CatchUp();
        await Monitor(await ReadCollateral());
        await deal.WriteStateAsync();
    }

    /// <summary>Pure <see cref="Repayments.Apply"/> split; interest posted at repayment, then one posting for the money.</summary>
    private void Pay(string paymentId, long amount, string fromAccount, string action)
    {
        var s = S;
        var split = Repayments.Apply(s.Balance, amount, s.Currency);
        PostInterest(split.Interest + split.After.InterestDue - s.Balance.InterestDue);
        s.Balance = split.After;
        var entries = new List<LedgerEntry> { new(fromAccount, -amount) };
        if (split.Interest > 0) entries.Add(new(LedgerAccounts.LoanInterest(Id), split.Interest));
        if (split.Principal > 0) entries.Add(new(LedgerAccounts.LoanPrincipal(Id), split.Principal));
        ledger.Post(new Posting($"pledge:{Id}:pay:{paymentId}", s.Currency, $"Pledge loan {Id} {action}", entries));
        s.Payments.Add(new Payment(Today, amount));
        s.Repayments.Add(paymentId);
        Log(action, $"{amount}: interest {split.Interest}, principal {split.Principal}");
        // Interest runs on outstanding principal (§8), so principal repaid ahead of the schedule rebuilds the lines after today.
        if (split.Principal > 0)
            s.Schedule = [.. RepaymentSchedules.Rebuild(s.Schedule, s.Payments, s.Balance.Principal, s.Product.AnnualRateBps, s.Product.Schedule, Today)];
        if (s.Balance.Payoff == 0) Move(PledgeStatus.Repaid);
        else CureIfCovered();
    }

    /// <summary>Accrues to today, posting the accrual on every due date passed (monthly), then checks arrears.</summary>
    private async Task CatchUp()
    {
        var s = S;
        if (!PledgeLifecycle.IsLive(s.Status)) return;
        var today = Today;
        foreach (var due in s.Schedule.Where(i => i.Due > s.AccruedTo && i.Due <= today).Select(i => i.Due).ToList())
        {
            Accrue(due);
            var before = s.Balance.InterestDue;
            s.Balance = s.Balance.PostInterest();
            PostInterest(s.Balance.InterestDue - before);
        }
        Accrue(today);
        await CheckArrears();
    }

    private void Accrue(DateOnly to)
    {
        if (to <= S.AccruedTo) return;
        S.Balance = S.Balance.Accrue(S.Product.AnnualRateBps, S.AccruedTo, to);
        S.AccruedTo = to;
    }

    /// <summary>Books interest that became due; the id counts posts, so a re-run (same stored state) reuses it.</summary>
    private void PostInterest(long amount)
    {
        if (amount <= 0) return;
        S.InterestPosts++;
        ledger.Post(Posting.Transfer($"pledge:{Id}:interest:{S.InterestPosts}", LedgerAccounts.LoanInterest(Id), PledgeAccounts.InterestEarned(Id),
            new Money(amount, S.Currency), $"Pledge loan {Id} interest"));
    }
}
