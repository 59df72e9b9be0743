using System.Text.Json;
using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Navigation;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>How a landscape's figures are computed: <see cref="Auto"/> picks the aggregates for the scopes they cover.</summary>
public enum LandscapePath { Auto, Exact, Aggregates }

/// <summary>
/// The landscape's facts from PostgreSQL, in one consistent read. Two ways to the same numbers:
/// <list type="bullet">
/// <item><b>Aggregates</b> (migration 0017): for the scopes <see cref="LandscapeAggregates.Covers"/> (every patent or one
/// IPC section/class/subclass, whole filing years), sums of the <c>landscape_*</c> counts the catalogue triggers keep in
/// the patent's own transaction, plus a few index lookups for the exact value quartiles and the ranked holders' values.</item>
/// <item><b>Exact</b>: any other scope is selected from <c>patent_catalogue</c> through the scope filters' indexes (IPC
/// prefixes GIN, trigram text, filing date, owners GIN) and aggregated in one statement.</item>
/// </list>
/// Deals (licences with their invoices, transfers, pledge loans) come from their stored state in <c>grain_state</c>,
/// joined to the scope by patent number, on both paths. docs/NAVIGATION.md ("Aggregates", "Freshness").
/// </summary>
public sealed class PostgresLandscape(NpgsqlDataSource dataSource) : ILandscapeQueries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<LandscapeFacts> Facts(LandscapeScope scope, string? callerPartyId, DateOnly today, CancellationToken cancellationToken = default) =>
        Facts(scope, callerPartyId, today, LandscapePath.Auto, cancellationToken);

    /// <param name="path"><see cref="LandscapePath.Aggregates"/> for a scope the aggregates do not cover is refused.</param>
    public async Task<LandscapeFacts> Facts(LandscapeScope scope, string? callerPartyId, DateOnly today, LandscapePath path,
        CancellationToken cancellationToken = default)
    {
        var aggregated = path switch
        {
            LandscapePath.Exact => false,
            LandscapePath.Aggregates when !LandscapeAggregates.Covers(scope) =>
                throw new ArgumentException("The aggregates do not cover this scope.", nameof(scope)),
            _ => LandscapeAggregates.Covers(scope),
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            if (aggregated)
                // The stored effective statuses are as of landscape_clock.day: move it to today first (its own
                // transaction: it writes only the rows whose status flips between the two days).
                await connection.ExecuteAsync(new CommandDefinition("SELECT landscape_advance(@today)", new { today }, commandTimeout: 600, cancellationToken: cancellationToken));
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            // Memory for the sorts and hashes of a whole-catalogue scope; no JIT, whose compile time exceeds what it
            // saves on a statement run once.
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off", transaction: transaction, cancellationToken: cancellationToken));
            if (aggregated && await connection.ExecuteScalarAsync<DateOnly>(new CommandDefinition(
                    "SELECT day FROM landscape_clock WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken)) != today)
            {
                // A reader of another day moved the clock in between (only test clocks do that): try again, then compute exactly.
                await transaction.RollbackAsync(cancellationToken);
                if (attempt >= 2 && path != LandscapePath.Aggregates) aggregated = false;
                continue;
            }
            var facts = aggregated
                ? await AggregatedFacts(connection, transaction, scope, callerPartyId, today, cancellationToken)
                : await ExactFacts(connection, transaction, scope, callerPartyId, today, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return facts;
        }
    }

    private static DynamicParameters Args(LandscapeScope scope, string? callerPartyId, DateOnly today) => new(new
    {
        today, currency = scope.Currency, caller = callerPartyId ?? "", ranking = LandscapeBuilder.RankingSize,
        bounds = ValueBuckets.Bounds,
    });

    private static async Task<LandscapeFacts> ExactFacts(NpgsqlConnection connection, NpgsqlTransaction transaction, LandscapeScope scope,
        string? callerPartyId, DateOnly today, CancellationToken cancellationToken)
    {
        var args = Args(scope, callerPartyId, today);
        var filter = LandscapeSql.ScopeFilter(scope, args, today);
        var focus = LandscapeSql.FocusFilter(scope, args);
        var json = await connection.ExecuteScalarAsync<string>(new CommandDefinition(LandscapeSql.ExactSql(filter, focus), args, transaction,
            commandTimeout: 120, cancellationToken: cancellationToken));
        var raw = JsonSerializer.Deserialize<RawFacts>(json!, Json)!;
        return new LandscapeFacts(raw.Patents, raw.Filings ?? [], raw.Grants ?? [], raw.MainGroupYears ?? [], raw.Subclasses ?? [],
            raw.MainGroups ?? [], raw.HolderWeights ?? [], raw.TopHolders ?? [], raw.NewEntrants ?? [], raw.HoldersPerYear ?? [],
            raw.CoOwned, raw.Academic, raw.FocusPatents,
            new ValueFacts(raw.Value.Valued, raw.Value.Total, raw.Value.Min, raw.Value.Q(0), raw.Value.Q(1), raw.Value.Q(2), raw.Value.Max,
                ValueBuckets.From((raw.Histogram ?? []).ToDictionary(b => b.Bucket, b => b.Patents)), raw.Value.FocusValue),
            raw.Operations ?? [], raw.Scores ?? []);
    }

    private static async Task<LandscapeFacts> AggregatedFacts(NpgsqlConnection connection, NpgsqlTransaction transaction, LandscapeScope scope,
        string? callerPartyId, DateOnly today, CancellationToken cancellationToken)
    {
        var args = Args(scope, callerPartyId, today);
        var filter = LandscapeSql.ScopeFilter(scope, args, today);
        var (y1, y2) = LandscapeAggregates.Years(scope);
        args.Add("key", LandscapeAggregates.ScopeKey(scope));
        args.Add("y1", y1);
        args.Add("y2", y2);
        var json = await connection.ExecuteScalarAsync<string>(new CommandDefinition(LandscapeSql.AggregatedSql(filter), args, transaction,
            commandTimeout: 120, cancellationToken: cancellationToken));
        var raw = JsonSerializer.Deserialize<RawAggregates>(json!, Json)!;
        var buckets = (raw.ValueBuckets ?? []).OrderBy(b => b.Bucket).ToList();
        var valued = buckets.Sum(b => b.Patents);

        // Nearest-rank quantiles (as percentile_disc): rank r = ⌈p·n⌉; the buckets' counts say which bucket holds the
        // r-th value and its place in it, and the value index reads that one row. Min and max are ranks 1 and n.
        long? min = null, q1 = null, median = null, q3 = null, max = null;
        if (valued > 0)
        {
            var ranks = new[] { 1L, Rank(0.25, valued), Rank(0.5, valued), Rank(0.75, valued), valued };
            var (los, his, offsets) = (new long[ranks.Length], new long[ranks.Length], new long[ranks.Length]);
            for (var i = 0; i < ranks.Length; i++)
            {
                long before = 0;
                foreach (var b in buckets)
                {
                    if (before + b.Patents >= ranks[i]) { (los[i], his[i], offsets[i]) = (b.Bucket, BucketEnd(b.Bucket), ranks[i] - before - 1); break; }
                    before += b.Patents;
                }
            }
            args.Add("los", los);
            args.Add("his", his);
            args.Add("offsets", offsets);
            var values = (await connection.QueryAsync<long?>(new CommandDefinition($"""
                SELECT (SELECT c.value_amount FROM patent_catalogue c
                        WHERE c.value_currency = @currency AND c.value_amount >= x.lo AND c.value_amount < x.hi{filter}
                        ORDER BY c.value_amount OFFSET x.off LIMIT 1)
                FROM unnest(@los, @his, @offsets) WITH ORDINALITY x(lo, hi, off, i) ORDER BY x.i
                """, args, transaction, commandTimeout: 120, cancellationToken: cancellationToken))).ToList();
            (min, q1, median, q3, max) = (values[0], values[1], values[2], values[3], values[4]);
        }
        var histogram = buckets.GroupBy(b => Array.FindLastIndex(ValueBuckets.Bounds, bound => bound <= b.Bucket) + 1)
            .ToDictionary(g => g.Key, g => g.Sum(b => b.Patents));

        return new LandscapeFacts(raw.Patents, raw.Filings ?? [], raw.Grants ?? [], raw.MainGroupYears ?? [], raw.Subclasses ?? [],
            raw.MainGroups ?? [], raw.HolderWeights ?? [], raw.TopHolders ?? [], raw.NewEntrants ?? [], raw.HoldersPerYear ?? [],
            raw.CoOwned, raw.Academic, 0,
            new ValueFacts(valued, buckets.Sum(b => b.Total), min, q1, median, q3, max, ValueBuckets.From(histogram), 0),
            raw.Operations ?? [], raw.Scores ?? []);
    }

    /// <summary>Nearest rank ⌈p·n⌉ (at least 1).</summary>
    private static long Rank(double p, long n) => Math.Max(1, (long)Math.Ceiling(p * n));

    /// <summary>The end (exclusive) of the bucket starting at <paramref name="bucket"/>: two significant digits (migration 0017).</summary>
    internal static long BucketEnd(long bucket)
    {
        if (bucket < 100) return bucket + 1;
        var step = 1L;
        for (var digits = bucket.ToString(System.Globalization.CultureInfo.InvariantCulture).Length; digits > 2; digits--) step *= 10;
        return bucket + step;
    }

    /// <summary><c>Quartiles</c>: nearest-rank Q1, median, Q3 from one sort (null without values).</summary>
    private sealed record RawValue(long Valued, long Total, long? Min, long?[]? Quartiles, long? Max, double FocusValue)
    {
        public long? Q(int i) => Quartiles is { Length: 3 } q ? q[i] : null;
    }

    private sealed record RawBucket(int Bucket, long Patents);

    private sealed record RawFacts(
        long Patents, List<FilingCount>? Filings, List<FilingCount>? Grants, List<ClassYearCount>? MainGroupYears,
        List<ClassCount>? Subclasses, List<ClassCount>? MainGroups, List<double>? HolderWeights, List<HolderFact>? TopHolders,
        List<YearCount>? NewEntrants, List<HolderYearCount>? HoldersPerYear, long CoOwned, long Academic, double FocusPatents,
        RawValue Value, List<RawBucket>? Histogram, List<OperationFact>? Operations, List<ScoreCount>? Scores);

    private sealed record RawValueBucket(long Bucket, long Patents, long Total);

    private sealed record RawAggregates(
        long Patents, List<FilingCount>? Filings, List<FilingCount>? Grants, List<ClassYearCount>? MainGroupYears,
        List<ClassCount>? Subclasses, List<ClassCount>? MainGroups, List<double>? HolderWeights, List<HolderFact>? TopHolders,
        List<YearCount>? NewEntrants, List<HolderYearCount>? HoldersPerYear, long CoOwned, long Academic,
        List<RawValueBucket>? ValueBuckets, List<OperationFact>? Operations, List<ScoreCount>? Scores);

}
