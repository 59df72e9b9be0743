using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Distributions;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Ledger;

/// <summary>The operation kinds, counted over a run to show what was exercised.</summary>
internal enum LedgerOp
{
    Acquire, AcquireExisting, Report, ReportRefused, Pay, PayRepeated, PayRefused, Distribute, DistributeAgain, DistributeRefused,
    Payout, PayoutRepeated, PayoutNothing,
    /// <summary>Not an operation: sequences in which an acquisition, a report, a payment, a distribution and a payout all succeeded.</summary>
    SequencesWithEveryKind,
}

/// <summary>A sequence failed: its seed, the step, the operations so far and how to replay it.</summary>
internal sealed class LedgerModelFailure(int seed, int step, IReadOnlyList<string> log, Exception cause)
    : Exception(Describe(seed, step, log, cause), cause)
{
    public int Seed { get; } = seed;

    private static string Describe(int seed, int step, IReadOnlyList<string> log, Exception cause)
    {
        var text = new StringBuilder();
        text.AppendLine($"Ledger model sequence with seed {seed} failed at step {step}: {cause.GetType().Name}: {cause.Message}");
        text.AppendLine("Operations (step: operation → outcome):");
        foreach (var line in log) text.AppendLine("  " + line);
        text.AppendLine($"Replay: LEDGER_MODEL_SEED={seed} bash tests/run.sh --filter FullyQualifiedName~LedgerModel");
        return text.ToString();
    }
}

/// <summary>
/// One generated sequence: a pool world, then 12–22 random operations on the real grains, each checked against the
/// <see cref="LedgerModel"/> and the ledger's own invariants right after it.
/// </summary>
internal sealed class LedgerSequence
{
    private const string Offline = InvoicePayment.Offline;
    private readonly SiloHost _host;
    private readonly LedgerClock _clock;
    private readonly int _seed;
    private readonly Random _rng;
    private readonly List<string> _log = [];
    private readonly LedgerModel _model = new();
    private readonly int[] _counts;
    private readonly ILedgerQueries _ledger;
    private LedgerWorld _world = null!;
    private int _step;
    private int _serial;
    private readonly HashSet<LedgerOp> _done = [];

    public LedgerSequence(SiloHost host, LedgerClock clock, int seed, int[] counts)
    {
        _host = host;
        _clock = clock;
        _seed = seed;
        _rng = new Random(seed);
        _counts = counts;
        _ledger = host.Services.GetRequiredService<ILedgerQueries>();
    }

    private IGrainFactory Grains => _host.Grains;
    private string Cur => _world.Currency;
    private string Clearing => LedgerAccounts.Clearing(Offline);

    public async Task Run()
    {
        try
        {
            _world = await LedgerWorld.Create(Grains, _clock, _seed, _rng, _log);
            // clearing:offline is shared by the batch; the model starts from what earlier sequences left in it.
            _model.Add(Clearing, Cur, Balance(await _ledger.Account(Clearing, 0), Cur));
            await Check([Clearing]);
            var steps = _rng.Next(12, 23);
            for (_step = 1; _step <= steps; _step++)
            {
                var touched = await Step();
                await Check(touched);
            }
            if (_done.IsSupersetOf([LedgerOp.Acquire, LedgerOp.Report, LedgerOp.Pay, LedgerOp.Distribute, LedgerOp.Payout]))
                Count(LedgerOp.SequencesWithEveryKind);
        }
        catch (Exception ex) when (ex is not LedgerModelFailure)
        {
            throw new LedgerModelFailure(_seed, _step, _log, ex);
        }
    }

    private Task<string[]> Step()
    {
        if (_step == 1 || _model.Licences.Count == 0) return Acquire();
        // Weights follow the state, so that most sequences get through acquisition, report, payment, distribution
        // and payout; operations that can only be refused now keep a small weight, so refusals stay common too.
        var unpaid = _model.Invoices.Any(i => !i.Paid);
        var canDistribute = Enumerable.Range(1, 4).Any(n => !_model.Distributions.ContainsKey(n)
            && _model.Balance(LedgerAccounts.PoolCollections(_world.PoolId, LedgerWorld.Quarter(n)), Cur) > 0);
        var canPayout = _world.Members.Any(m => _model.Balance(LedgerAccounts.LicensorPayable(m), Cur) > 0);
        int[] weights = [6, 22, unpaid ? 30 : 8, canDistribute ? 30 : 5, canPayout ? 40 : 5];
        var roll = _rng.Next(weights.Sum());
        var kind = 0;
        while (roll >= weights[kind]) roll -= weights[kind++];
        return kind switch
        {
            0 => Acquire(),
            1 => Report(),
            2 => Pay(),
            3 => Distribute(),
            _ => Payout(),
        };
    }

    private void Count(LedgerOp op)
    {
        _done.Add(op);
        Interlocked.Increment(ref _counts[(int)op]);
    }

    private void Log(string text) => _log.Add($"{_step}: {text}");

    private string NextId(string prefix) => $"{prefix}{(uint)_seed:x8}{++_serial:x8}";

    // ---- operations ------------------------------------------------------------------------------------------------

    private async Task<string[]> Acquire()
    {
        if (_model.Licences.Count > 0 && _rng.Next(8) == 0)
        {
            var existing = Pick(_model.Licences.Values.ToList());
            Log($"acquire again {existing.Id} for {existing.LicenseeId}");
            await Refused("licence_exists", () => Grains.GetGrain<ILicenceGrain>(existing.Id)
                .CreatePool(new CreatePoolLicence(_world.PoolId, existing.LicenseeId, LicenceScope.Everything(existing.Start))));
            Count(LedgerOp.AcquireExisting);
            return [];
        }
        // Mostly outside licensees; now and then a member, whose cross-licence is royalty-free.
        var member = _rng.Next(10) == 0;
        var licensee = member ? Pick(_world.Members) : Pick(_world.Licensees);
        var start = LedgerWorld.QuarterStart(new[] { 1, 1, 1, 2, 3 }[_rng.Next(5)]);
        var id = NextId("lic_");
        Log($"acquire {id} for {licensee} from {start:yyyy-MM-dd}");
        var view = await Grains.GetGrain<ILicenceGrain>(id).CreatePool(new CreatePoolLicence(_world.PoolId, licensee, LicenceScope.Everything(start)));
        Expect(view.Terms.RoyaltyFree == member, $"royalty-free {view.Terms.RoyaltyFree}, expected {member}");
        Expect(view.Scope.Start == start, $"start {view.Scope.Start}, expected {start}");
        _model.Licences[id] = new ModelLicence(id, licensee, start, member);
        Count(LedgerOp.Acquire);
        return [];
    }

    private async Task<string[]> Report()
    {
        var licence = Pick(_model.Licences.Values.ToList());
        var reported = _model.Invoices.Where(i => i.LicenceId == licence.Id).ToList();
        int q;
        string category;
        var open = (from n in Enumerable.Range(1, 4)
                    where LedgerWorld.QuarterStart(n).AddMonths(3) > licence.Start
                    from c in LedgerWorld.Categories
                    where !reported.Any(i => i.Period == LedgerWorld.Quarter(n) && i.Category == c)
                    select (n, c)).ToList();
        var roll = _rng.Next(8);
        if (roll == 0 && reported.Count > 0)
        {
            // The same period and category again: refused.
            var again = Pick(reported);
            (q, category) = (again.Period[^1] - '0', again.Category);
        }
        else if (roll == 1 || open.Count == 0)
            (q, category) = (_rng.Next(1, 5), Pick(LedgerWorld.Categories)); // anything, maybe before the licence's start
        else
            (q, category) = Pick(open);
        var period = LedgerWorld.Quarter(q);
        var units = _rng.Next(3) == 0 ? _rng.Next(0, 3_000) : _rng.Next(0, 400_000);
        var command = new ReportRoyalties(period, category, "CN", units);
        var grain = Grains.GetGrain<ILicenceGrain>(licence.Id);
        Log($"report {licence.Id} {period} {category} {units} units");

        if (LedgerWorld.QuarterStart(q).AddMonths(3) <= licence.Start)
        {
            await Refused("period_outside_licence", () => grain.ReportRoyalties(command));
            Count(LedgerOp.ReportRefused);
            return [];
        }
        if (reported.Any(i => i.Period == period && i.Category == category))
        {
            await Refused("report_exists", () => grain.ReportRoyalties(command));
            Count(LedgerOp.ReportRefused);
            return [];
        }
        var invoice = await grain.ReportRoyalties(command);
        Log($"   → invoice {invoice.Id} {invoice.Amount.Amount} {invoice.Amount.Currency} {invoice.Status}");
        Expect(invoice.Period == period && invoice.LicenceId == licence.Id, $"invoice {invoice.Id} is for {invoice.LicenceId} {invoice.Period}");
        Expect(invoice.Amount.Currency == Cur && invoice.Amount.Amount >= 0, $"invoice amount {invoice.Amount}");
        Expect(!licence.RoyaltyFree || invoice.Amount.Amount == 0, $"a royalty-free licence was charged {invoice.Amount}");
        Expect((invoice.Status == InvoiceStatus.Paid) == (invoice.Amount.Amount == 0), $"invoice of {invoice.Amount} is {invoice.Status}");
        Expect(_model.Invoices.All(i => i.Id != invoice.Id), $"invoice id {invoice.Id} issued twice");
        _model.Invoices.Add(new ModelInvoice(invoice.Id, licence.Id, period, category, invoice.Amount));
        Count(LedgerOp.Report);
        return [];
    }

    private async Task<string[]> Pay()
    {
        if (_model.Invoices.Count == 0) return await Report();
        var unpaid = _model.Invoices.Where(i => !i.Paid).ToList();
        var paidByPayment = _model.Invoices.Where(i => i.Reference is not null).ToList();
        ModelInvoice invoice;
        string reference;
        Money amount;
        var variant = _rng.Next(10);
        if (variant < 1 && paidByPayment.Count > 0)
        {
            // The same payment again (a repeated confirmation): idempotent.
            invoice = Pick(paidByPayment);
            (reference, amount) = (invoice.Reference!, invoice.Amount);
        }
        else if (variant < 2 && _model.References.Count > 0)
        {
            // A bank reference that settled another invoice.
            var (used, settled) = Pick(_model.References.ToList());
            var others = _model.Invoices.Where(i => i.Id != settled).ToList();
            if (others.Count == 0) return await Report();
            invoice = unpaid.Count > 0 && _rng.Next(4) > 0 ? Pick(unpaid) : Pick(others);
            if (invoice.Id == settled) invoice = Pick(others);
            (reference, amount) = (used, invoice.Amount.Amount == 0 ? new Money(1, invoice.Amount.Currency) : invoice.Amount);
        }
        else if (variant < 3)
        {
            // A wrong amount or currency.
            invoice = unpaid.Count > 0 ? Pick(unpaid) : Pick(_model.Invoices);
            reference = NextId($"S{_seed}-B").ToUpperInvariant();
            amount = _rng.Next(3) == 0
                ? new Money(Math.Max(1, invoice.Amount.Amount), invoice.Amount.Currency == "GBP" ? "HKD" : "GBP")
                : new Money(invoice.Amount.Amount > 1 && _rng.Next(2) == 0 ? invoice.Amount.Amount - _rng.Next(1, (int)Math.Min(invoice.Amount.Amount, 1_000)) : invoice.Amount.Amount + _rng.Next(1, 1_000), invoice.Amount.Currency);
        }
        else
        {
            // A fresh payment of the right amount, mostly of an open invoice; sometimes of a paid one.
            invoice = unpaid.Count > 0 && _rng.Next(6) > 0 ? Pick(unpaid) : Pick(_model.Invoices);
            reference = NextId($"S{_seed}-B").ToUpperInvariant();
            amount = invoice.Amount.Amount == 0 ? new Money(1, invoice.Amount.Currency) : invoice.Amount;
        }

        var payment = new InvoicePayment(Offline, reference, amount, LedgerWorld.Today);
        var collections = LedgerAccounts.PoolCollections(_world.PoolId, invoice.Period);
        var grain = Grains.GetGrain<ILicenceGrain>(invoice.LicenceId);
        Log($"pay {invoice.Id} ({invoice.Period}, {invoice.Amount.Amount} {invoice.Amount.Currency}) {amount.Amount} {amount.Currency} ref {reference}");
        string[] touched = [Clearing, collections];

        if (invoice.Paid && invoice.Provider == Offline && invoice.Reference == reference)
        {
            var same = await grain.PayInvoice(invoice.Id, payment);
            Expect(same.Status == InvoiceStatus.Paid && same.PaymentReference == reference, $"repeat answered {same.Status} {same.PaymentReference}");
            Log("   → the same payment again: unchanged");
            Count(LedgerOp.PayRepeated);
            return touched;
        }
        var refusal = invoice.Paid ? "invoice_already_paid"
            : amount != invoice.Amount ? "amount_mismatch"
            : _model.References.TryGetValue(reference, out var other) && other != invoice.Id ? "bank_reference_used"
            : null;
        if (refusal is not null)
        {
            await Refused(refusal, () => grain.PayInvoice(invoice.Id, payment));
            Count(LedgerOp.PayRefused);
            return touched;
        }
        var paid = await grain.PayInvoice(invoice.Id, payment);
        Expect(paid.Status == InvoiceStatus.Paid && paid.PaymentReference == reference && paid.PaymentProvider == Offline,
            $"paid invoice is {paid.Status} by {paid.PaymentProvider} {paid.PaymentReference}");
        _model.Move(Clearing, collections, invoice.Amount.Currency, invoice.Amount.Amount);
        (invoice.Paid, invoice.Provider, invoice.Reference) = (true, Offline, reference);
        _model.References[reference] = invoice.Id;
        Log($"   → paid: {Clearing} → {collections} {invoice.Amount.Amount}");
        Count(LedgerOp.Pay);
        return touched;
    }

    private async Task<string[]> Distribute()
    {
        var roll = _rng.Next(20);
        if (roll == 0)
        {
            // 2031-Q1 has not ended on 2031-02-15.
            Log("distribute 2031-Q1 (not ended)");
            await Refused("period_not_ended", () => Run(new DateOnly(2031, 1, 1), new DateOnly(2031, 4, 1)));
            Count(LedgerOp.DistributeRefused);
            return [];
        }
        if (roll == 1)
        {
            Log("distribute 2030-02-01..2030-05-01 (not a quarter)");
            await Refused("period_not_aligned", () => Run(new DateOnly(2030, 2, 1), new DateOnly(2030, 5, 1)));
            Count(LedgerOp.DistributeRefused);
            return [];
        }
        var ready = Enumerable.Range(1, 4)
            .Where(n => !_model.Distributions.ContainsKey(n) && _model.Balance(LedgerAccounts.PoolCollections(_world.PoolId, LedgerWorld.Quarter(n)), Cur) > 0)
            .ToList();
        var q = ready.Count > 0 && _rng.Next(4) > 0 ? Pick(ready) : _rng.Next(1, 5);
        var start = LedgerWorld.QuarterStart(q);
        var collections = LedgerAccounts.PoolCollections(_world.PoolId, LedgerWorld.Quarter(q));
        var fees = LedgerAccounts.AdminFees(_world.CenterId);
        string[] touched = [collections, fees, .. _world.Members.Select(LedgerAccounts.LicensorPayable)];
        Log($"distribute {LedgerWorld.Quarter(q)}");

        if (_model.Distributions.TryGetValue(q, out var done))
        {
            var again = await Run(start, start.AddMonths(3));
            Expect(!again.Created, "a distributed period ran again and said it created a distribution");
            Expect(again.Distribution.Id == done.Id && again.Distribution.Collected.Amount == done.Collected,
                $"the repeat returned {again.Distribution.Id} with C = {again.Distribution.Collected}, not {done.Id} with {done.Collected}");
            Log($"   → distributed before (C = {done.Collected}): nothing moves");
            Count(LedgerOp.DistributeAgain);
            return touched;
        }
        var c = _model.Balance(collections, Cur);
        if (c <= 0)
        {
            await Refused("nothing_collected", () => Run(start, start.AddMonths(3)));
            Count(LedgerOp.DistributeRefused);
            return touched;
        }
        var run = await Run(start, start.AddMonths(3));
        var d = run.Distribution;
        var f = LedgerModel.AdminFee(c, _world.AdminFeeBps);
        Log($"   → C = {d.Collected.Amount}, F = {d.AdminFee.Amount}, licensors "
            + string.Join(", ", d.Licensors.Select(l => $"{l.LicensorId} {l.Share.Amount}")));
        Expect(run.Created, "the first run of a period did not create a distribution");
        Expect(d.Collected == new Money(c, Cur), $"C = {d.Collected}, the model has {c} {Cur}");
        Expect(d.AdminFeeBps == _world.AdminFeeBps && d.AdminFee == new Money(f, Cur), $"F = {d.AdminFee} at {d.AdminFeeBps} bps, the model has {f}");
        Expect(d.Distributable == new Money(c - f, Cur), $"D = {d.Distributable}, expected {c - f}");
        Expect(d.Collections.Count == 1 && d.Collections[0].Account == collections && d.Collections[0].Amount.Amount == c,
            $"collections drawn: {string.Join(", ", d.Collections)}");
        var totals = d.Licensors.Sum(l => l.Share.Amount);
        Expect(totals == c - f, $"Σ licensor totals {totals} ≠ C − F = {c - f}");
        Expect(d.Lines.Sum(l => l.Share.Amount) == c - f, $"Σ lines {d.Lines.Sum(l => l.Share.Amount)} ≠ C − F = {c - f}");
        Expect(d.Licensors.All(l => l.Payable.Amount + l.Escrowed.Amount == l.Share.Amount && l.Share.Currency == Cur), "a licensor's payable + escrow ≠ its share");
        Expect(d.Lines.All(l => _world.Members.Contains(l.OwnerId) && l.Share.Amount >= 0), "a line pays someone who is not a member, or a negative share");

        _model.Add(collections, Cur, -c);
        _model.Add(fees, Cur, f);
        foreach (var line in d.Lines) _model.Add(line.PaidTo, Cur, line.Share.Amount);
        _model.Distributions[q] = (d.Id, c);
        Count(LedgerOp.Distribute);
        return [.. touched, .. d.Lines.Select(l => l.PaidTo).Distinct()];
    }

    private Task<DistributionRun> Run(DateOnly start, DateOnly end) =>
        Grains.GetGrain<IDistributionGrain>(DistributionPeriodRules.Key(_world.PoolId, start, end)).Run();

    private async Task<string[]> Payout()
    {
        if (_model.Payouts.Count > 0 && _rng.Next(8) == 0)
        {
            var (id, (licensor, amount)) = Pick(_model.Payouts.ToList());
            Log($"payout {id} to {licensor} again");
            var same = await Grains.GetGrain<ILicensorPayoutsGrain>(licensor).Pay(new PayoutCommand(id, Cur));
            Expect(same.Id == id && same.Amount == new Money(amount, Cur), $"the repeat answered {same.Id} of {same.Amount}");
            Count(LedgerOp.PayoutRepeated);
            return [LedgerAccounts.LicensorPayable(licensor), Clearing];
        }
        // Mostly a member licensor; sometimes a licensee, which is never owed anything.
        var owedMembers = _world.Members.Where(m => _model.Balance(LedgerAccounts.LicensorPayable(m), Cur) > 0).ToList();
        var party = _rng.Next(8) == 0 ? Pick(_world.Licensees)
            : owedMembers.Count > 0 && _rng.Next(4) > 0 ? Pick(owedMembers) : Pick(_world.Members);
        var payable = LedgerAccounts.LicensorPayable(party);
        var payoutId = NextId("po_");
        var owed = _model.Balance(payable, Cur);
        Log($"payout {payoutId} to {party} ({owed} {Cur} owed)");
        var grain = Grains.GetGrain<ILicensorPayoutsGrain>(party);
        if (owed <= 0)
        {
            await Refused("nothing_to_pay", () => grain.Pay(new PayoutCommand(payoutId, Cur)));
            Count(LedgerOp.PayoutNothing);
            return [payable, Clearing];
        }
        var payout = await grain.Pay(new PayoutCommand(payoutId, Cur));
        Expect(payout.Id == payoutId && payout.Provider == Offline && payout.Status == PayoutStatus.AwaitingBankTransfer,
            $"payout {payout.Id} by {payout.Provider} is {payout.Status}");
        Expect(payout.Amount == new Money(owed, Cur), $"paid out {payout.Amount}, the model owes {owed} {Cur}");
        _model.Move(payable, Clearing, Cur, owed);
        _model.Payouts[payoutId] = (party, owed);
        Count(LedgerOp.Payout);
        return [payable, Clearing];
    }

    // ---- checks ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// After every step: every balance of this sequence's accounts (and clearing:offline) is the model's, nothing
    /// else of the sequence holds money, each touched account's balance is Σ its entries, and every currency sums to zero.
    /// </summary>
    private async Task Check(IEnumerable<string> touched)
    {
        var balances = await _ledger.Balances();
        foreach (var ((account, currency), expected) in _model.Balances)
        {
            var actual = balances.GetValueOrDefault((account, currency));
            Expect(actual == expected, $"{account} holds {actual} {currency}, the model expects {expected}");
        }
        foreach (var ((account, currency), actual) in balances)
            if (account.Contains(_world.Tag, StringComparison.Ordinal) && actual != _model.Balance(account, currency))
                Expect(false, $"{account} holds {actual} {currency}, the model expects {_model.Balance(account, currency)}");

        foreach (var account in touched.Distinct())
        {
            var statement = await _ledger.Account(account, int.MaxValue);
            var sums = statement.Entries.GroupBy(e => e.Amount.Currency).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount.Amount));
            foreach (var b in statement.Balances)
                Expect(sums.GetValueOrDefault(b.Currency) == b.Amount, $"{account}: balance {b} ≠ Σ entries {sums.GetValueOrDefault(b.Currency)}");
            Expect(sums.All(s => statement.Balances.Any(b => b.Currency == s.Key)), $"{account}: entries in a currency without balance");
            Expect(sums.GetValueOrDefault(Cur) == _model.Balance(account, Cur),
                $"{account}: Σ entries {sums.GetValueOrDefault(Cur)} {Cur}, the model expects {_model.Balance(account, Cur)}");
        }

        foreach (var total in await _ledger.TrialBalance())
            Expect(total.Amount == 0, $"trial balance: Σ balances in {total.Currency} is {total.Amount}, not 0");
    }

    /// <summary>A refusal: the expected <see cref="DomainException"/>; the checks after the step prove it moved nothing.</summary>
    private async Task Refused<T>(string code, Func<Task<T>> call)
    {
        try
        {
            var answer = await call();
            Expect(false, $"expected {code}, but the call succeeded: {answer}");
        }
        catch (DomainException ex)
        {
            Expect(ex.Code == code, $"expected {code}, got {ex.Code}: {ex.Message}");
            Log($"   → refused {ex.Code}");
        }
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition) throw new LedgerModelMismatch(message);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private static long Balance(AccountStatement statement, string currency) =>
        statement.Balances.FirstOrDefault(b => b.Currency == currency).Amount;
}

/// <summary>The ledger or a grain's answer differs from the model.</summary>
internal sealed class LedgerModelMismatch(string message) : Exception(message);
