using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Grains.Distributions;

/// <summary>
/// Runs a pool period's distribution once. Everything before the write is a read, so a re-run after a version
/// conflict is safe: when two silos run the same distribution, the loser's write conflicts, the runtime reloads
/// it, and the re-run finds the winner's distribution and returns it. The posting takes from each collections
/// account exactly the balance read, so a payment that lands in between is not lost: it stays in the account
/// (see <c>docs/API.md</c>, Distributions, on late cash).
/// </summary>
public sealed class DistributionGrain(
    [PersistentState("distribution", MarketStorage.Name)] IPersistentState<DistributionState> distribution, ILedger ledger, ILedgerQueries ledgerQueries, MarketClock clock)
    : Grain, IDistributionGrain
{
    private DateOnly Today => clock.Today;

    public Task<Distribution?> Get() => Task.FromResult(distribution.State.Distribution);

    public Task<IReadOnlyList<Distribution>> Runs() => Task.FromResult<IReadOnlyList<Distribution>>(
        distribution.State.Distribution is { } original ? [original, .. distribution.State.Supplements] : []);

    public async Task<DistributionRun> Supplement(string runId)
    {
        var state = distribution.State;
        if (state.SupplementRuns.TryGetValue(runId, out var done)) return new DistributionRun(state.Supplements[done - 1], false);
        var key = this.GetPrimaryKeyString();
        var (poolId, start, end) = DistributionPeriodRules.ParseKey(key);
        if (state.Distribution is not { } original)
            throw DomainException.NotFound("distribution_not_found", $"Distribution {DistributionPeriodRules.Id(start, end)} has not run; run it before a supplement.");

        var currency = original.Collected.Currency;
        var collections = await Collections(poolId, start, end, currency);
        var collected = collections.Aggregate(0L, (sum, c) => checked(sum + c.Amount.Amount));
        if (collected == 0)
        {
            // As in Run: another activation may have just swept the late cash under this run id.
            await distribution.ReadStateAsync();
            if (distribution.State.SupplementRuns.TryGetValue(runId, out var stored)) return new DistributionRun(distribution.State.Supplements[stored - 1], false);
            throw DomainException.Unprocessable("nothing_collected", $"No cash for {start:yyyy-MM-dd} to {end:yyyy-MM-dd} arrived after its distribution; nothing to supplement.");
        }

        // The original's weights, as stored: nothing is recomputed, so later valuations, owners or lapses cannot move them.
        var amounts = DistributionCalculator.Compute(new Money(collected, currency), original.AdminFeeBps, DistributionPayouts.Holdings(original));
        var pledgees = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in original.Lines.Select(l => l.PatentNumber).Distinct(StringComparer.Ordinal).Chunk(PatentBatch))
        {
            var views = await Task.WhenAll(batch.Select(number => GrainFactory.GetGrain<IPatentGrain>(number).Get()));
            for (var i = 0; i < batch.Length; i++)
                if (views[i]?.PledgeeId is { } pledgee) pledgees[batch[i]] = pledgee;
        }
        var lines = DistributionPayouts.Lines(amounts, pledgees);

        var supplement = state.Supplements.Count + 1;
        var posting = DistributionPayouts.Posting(DistributionPeriodRules.SupplementKey(key, supplement), original.AdministratorId, amounts.AdminFee, collections, lines);
        var result = new Distribution(
            DistributionPeriodRules.SupplementId(start, end, supplement), poolId, start, end, original.AdministratorId,
            amounts.Collected, amounts.AdminFeeBps, amounts.AdminFee, amounts.Distributable, original.ValuationCurrency,
            collections, lines, DistributionPayouts.Totals(lines, currency), posting.Id, clock.GetUtcNow(), CallerContext.Current, supplement);
        ledger.Post(posting);
        state.Supplements.Add(result);
        state.SupplementRuns[runId] = supplement;
        await distribution.WriteStateAsync();
        return new DistributionRun(result, true);
    }

    public async Task<DistributionRun> Run()
    {
        if (distribution.State.Distribution is { } done) return new DistributionRun(done, false);

        var key = this.GetPrimaryKeyString();
        var (poolId, start, end) = DistributionPeriodRules.ParseKey(key);
        var pool = await GrainFactory.GetGrain<IPoolGrain>(poolId).Get()
            ?? throw DomainException.NotFound("pool_not_found", $"Pool {poolId} does not exist.");
        var charter = pool.Charter;
        DistributionPeriodRules.RequireAligned(charter.DistributionPeriod, start, end);
        if (end > Today)
            throw DomainException.Unprocessable("period_not_ended", $"The period ends on {end.AddDays(-1):yyyy-MM-dd}; distribute it from {end:yyyy-MM-dd}.", "periodEnd");

        var collections = await Collections(poolId, start, end, charter.Currency);
        var collected = collections.Aggregate(0L, (sum, c) => checked(sum + c.Amount.Amount));
        if (collected == 0)
        {
            // Another silo may have just distributed this period (which is why the cash is gone):
            // this activation's state can be older than that write, so look again before refusing.
            await distribution.ReadStateAsync();
            if (distribution.State.Distribution is { } stored) return new DistributionRun(stored, false);
            throw DomainException.Unprocessable("nothing_collected", $"No royalties were collected for {start:yyyy-MM-dd} to {end:yyyy-MM-dd}; nothing to distribute.");
        }

        var patents = await Patents(pool, start, end);
        var holdings = HoldingWeights.For(patents.Select(p => p.Facts), start, end, out var valuationCurrency);
        var amounts = DistributionCalculator.Compute(new Money(collected, charter.Currency), charter.AdminFeeBps, holdings);
        var pledgees = patents.Where(p => p.PledgeeId is not null).ToDictionary(p => p.Facts.Number, p => p.PledgeeId!);
        var lines = DistributionPayouts.Lines(amounts, pledgees);

        var posting = DistributionPayouts.Posting(key, charter.AdministratorId, amounts.AdminFee, collections, lines);
        var result = new Distribution(
            DistributionPeriodRules.Id(start, end), poolId, start, end, charter.AdministratorId,
            amounts.Collected, amounts.AdminFeeBps, amounts.AdminFee, amounts.Distributable, valuationCurrency,
            collections, lines, DistributionPayouts.Totals(lines, charter.Currency), posting.Id, clock.GetUtcNow(), CallerContext.Current);
        ledger.Post(posting);
        distribution.State.Distribution = result;
        await distribution.WriteStateAsync();
        return new DistributionRun(result, true);
    }

    /// <summary>
    /// The positive balance in the pool's currency of each quarter's collections account. Only positive balances
    /// are taken: the distribution never pays into a collections account.
    /// </summary>
    private async Task<List<CollectionDrawn>> Collections(string poolId, DateOnly start, DateOnly end, string currency)
    {
        var drawn = new List<CollectionDrawn>();
        foreach (var quarter in DistributionPeriodRules.Quarters(start, end))
        {
            var account = LedgerAccounts.PoolCollections(poolId, quarter);
            var statement = await ledgerQueries.Account(account, 0);
            var balance = statement.Balances.FirstOrDefault(b => b.Currency == currency).Amount;
            if (balance > 0) drawn.Add(new CollectionDrawn(quarter, account, new Money(balance, currency)));
        }
        return drawn;
    }

    /// <summary>How many patent grains a distribution asks at once: enough to keep the silos busy, few enough to bound the messages in flight.</summary>
    internal const int PatentBatch = 256;

    /// <summary>
    /// Every patent that was in the pool at some time in [start, end), with its stays and current pledgee, in number
    /// order. The patent grains are asked in parallel batches (not one awaited call after another: 10 000 patents were
    /// 10 000 round trips in a row); each answers from its own state, as it would one at a time.
    /// </summary>
    private async Task<List<(PatentFacts Facts, string? PledgeeId)>> Patents(PoolView pool, DateOnly start, DateOnly end)
    {
        var stays = pool.Patents
            .Where(p => p.AdmittedOn < end && (p.WithdrawnOn is null || p.WithdrawnOn > start))
            .GroupBy(p => p.Number, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var result = new List<(PatentFacts, string?)>(stays.Count);
        foreach (var batch in stays.Chunk(PatentBatch))
        {
            var views = await Task.WhenAll(batch.Select(g => GrainFactory.GetGrain<IPatentGrain>(g.Key).Get()));
            for (var i = 0; i < batch.Length; i++)
            {
                var patent = views[i] ?? throw new InvalidOperationException($"Pooled patent {batch[i].Key} is not registered.");
                result.Add((PatentFacts.From(patent, batch[i].Select(p => new PoolStay(p.AdmittedOn, p.WithdrawnOn))), patent.PledgeeId));
            }
        }
        return result;
    }
}
