using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Grains.Licensing;

/// <summary>Royalty reports and their invoices.</summary>
public sealed partial class LicenceGrain
{
    /// <summary>10¹² units in one report keeps every product of the pricing chain far inside Int128.</summary>
    public const long MaxUnits = 1_000_000_000_000;

    /// <summary>Rows of one imported file: a year of quarters × dozens of categories and regions, and one state write.</summary>
    public const int MaxImportRows = 1_000;

    public async Task<Invoice> ReportRoyalties(ReportRoyalties command)
    {
        var state = RequireExists();
        var invoice = await Record(state, command, Today);
        if (invoice.Status == InvoiceStatus.Open) await RemindInvoiceDue(invoice);
        await licence.WriteStateAsync();
        MarketMetrics.RoyaltyInvoiceIssued(state.Type);
        return invoice.AsOf(Today);
    }

    /// <summary>
    /// Prices one report and adds its invoice and licence-year position to <paramref name="state"/>, without writing:
    /// the callers write once, for one report or a whole imported file. Throws <see cref="DomainException"/> before
    /// changing anything. <paramref name="today"/> is the market's day, or an onboarded report's own day; with
    /// <paramref name="cards"/> (an onboarding batch, whose cards the pool may not hold yet) the terms come from them
    /// by the same rule as the pool's (<see cref="RateCardHistory.TermsFor"/>).
    /// </summary>
    private async Task<Invoice> Record(LicenceState state, ReportRoyalties command, DateOnly today, IReadOnlyList<RateCard>? cards = null)
    {
        var period = ReportingPeriod.Parse(command.Period);
        if (period.FirstDay > today)
            throw DomainException.Unprocessable("period_in_future", $"{period} has not started; report past or current quarters.", "period");
        if (period.LastDay < state.Scope.Start || period.FirstDay > state.Scope.End)
            throw DomainException.Unprocessable("period_outside_licence", $"The licence does not cover {period}.", "period");
        LicenceLifecycle.RequireReportable(state.Ending, period);
        if (command.Units is < 0 or > MaxUnits)
            throw DomainException.Invalid("invalid_units", "units", $"Units run from 0 to {MaxUnits}.");
        if (state.Invoices.FirstOrDefault(i => i.Period == period.ToString() && i.Report.Category == command.Category) is { } reported)
        {
            // A retry that took over an idempotency key after a crash, with the same figures: the first
            // attempt's report committed and its answer was lost, so answer its invoice again.
            if (IdempotencyContext.Current is { Attempt: > 1 } && reported.Report.Region == command.Region && reported.Report.Units == command.Units)
                return reported.AsOf(today);
            throw DomainException.Conflict("report_exists", $"{period} was already reported for category '{command.Category}'.", "period");
        }

        // Compliance (§5) is judged before this report's own invoice exists.
        var compliant = !state.Invoices.Any(i => i.IsOverdueOn(today));
        // Units count in the licence year of the period's last day (or of today, for the current quarter).
        var day = Max(state.Scope.Start, Min(period.LastDay, today));
        var year = Pools.LicenceYear.Index(state.Scope.Start, day);
        Money amount;
        int? version = null;
        LicenceYearTotals? years = null;
        try
        {
            (amount, version, years) = state.Type == LicenceType.Pool
                ? await PricePoolReport(state, command, compliant, day, year, cards)
                : (state.Terms.FlatRoyalty(command.Units), null, null);
        }
        catch (OverflowException)
        {
            throw DomainException.Unprocessable("amount_too_large", "The royalty for these units is too large to invoice.", "units");
        }

        var report = new RoyaltyReport(period.ToString(), command.Category, command.Region, command.Units, today,
            period.IsLateOn(today), compliant, version, year);
        var invoice = Invoice.Issue(this.GetPrimaryKeyString(), period, report, amount, today);
        // Ids keep 32 bits of (period, category) per licence; should two ever collide, refuse rather than let a payment find the wrong invoice.
        if (state.Invoices.Any(i => i.Id == invoice.Id))
            throw new InvalidOperationException($"Invoice id {invoice.Id} collides on licence {this.GetPrimaryKeyString()}.");
        state.Invoices.Add(invoice);
        if (years is { } totals)
        {
            var index = state.Years.FindIndex(y => y.Index == totals.Index);
            if (index < 0) state.Years.Add(totals);
            else state.Years[index] = totals;
        }
        return invoice;
    }

    public async Task<IReadOnlyList<Invoice>> ImportRoyaltyReports(IReadOnlyList<ReportRoyalties> rows)
    {
        var state = RequireExists();
        if (rows.Count is 0 or > MaxImportRows)
            throw DomainException.Invalid("invalid_rows", "rows", $"Import 1 to {MaxImportRows} rows.");
        // Rows go in file order, exactly as the same reports posted one by one; a refused row is skipped so the
        // rest are still checked, and any refusal puts the state back as it was: all rows or none.
        var (invoices, years) = (state.Invoices.ToList(), state.Years.ToList());
        var issued = new List<Invoice>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                issued.Add(await Record(state, rows[i], Today));
            }
            catch (DomainException refused)
            {
                errors[refused.Field is { } field ? $"rows[{i}].{field}" : $"rows[{i}]"] = [$"{refused.Code}: {refused.Message}"];
            }
        }
        if (errors.Count > 0)
        {
            (state.Invoices, state.Years) = (invoices, years);
            throw new DomainException(ErrorKind.Unprocessable, "invalid_rows",
                $"{errors.Count} of {rows.Count} rows were refused; nothing was imported.", null, errors);
        }
        foreach (var invoice in issued.Where(i => i.Status == InvoiceStatus.Open))
            await RemindInvoiceDue(invoice);
        await licence.WriteStateAsync();
        foreach (var _ in issued) MarketMetrics.RoyaltyInvoiceIssued(state.Type);
        var today = Today;
        return [.. issued.Select(i => i.AsOf(today))];
    }

    public Task<IReadOnlyList<Invoice>> Invoices()
    {
        var today = Today;
        return Task.FromResult<IReadOnlyList<Invoice>>([.. RequireExists().Invoices.Select(i => i.AsOf(today))]);
    }

    /// <summary>
    /// Prices a pool report with the most-favoured terms for the locked card on <paramref name="day"/>,
    /// continuing the licence year's running position so tiers and caps count cumulatively.
    /// </summary>
    private async Task<(Money Amount, int? Version, LicenceYearTotals? Years)> PricePoolReport(LicenceState state, ReportRoyalties command, bool compliant, DateOnly day, int year,
        IReadOnlyList<RateCard>? cards)
    {
        var terms = cards is null
            ? await GrainFactory.GetGrain<IPoolGrain>(state.Terms.PoolId!).TermsFor(state.Terms.RateCardVersion!.Value, day)
            : RateCardHistory.TermsFor(cards, state.Terms.RateCardVersion!.Value, day, state.Terms.PoolId!);
        if (state.Terms.RoyaltyFree)
        {
            terms.Category(command.Category); // still only the pool's categories are reported
            return (Money.Zero(terms.Currency), terms.Version, null);
        }
        var position = state.Years.FirstOrDefault(y => y.Index == year)?.Position ?? LicenceYearPosition.Empty;
        var charge = RoyaltyCalculator.Charge(terms, position, new UnitReport(command.Category, command.Region, command.Units, compliant));
        return (charge.Amount, terms.Version, new LicenceYearTotals(year, charge.After));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
