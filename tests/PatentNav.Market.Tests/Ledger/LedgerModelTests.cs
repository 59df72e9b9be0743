using System.Diagnostics;
using PatentNav.Market.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PatentNav.Market.Tests.Ledger;

/// <summary>
/// A model-based property test of the ledger (the "Money" issue): generated sequences of acquisitions, royalty
/// reports, invoice payments (repeated, with a reused reference, with a wrong amount), distributions (again, not
/// ended, not aligned, nothing collected) and payouts (repeated, nothing to pay) drive the real grains on in-memory
/// silos. After every step each balance equals the model's and Σ of its entries, and every currency sums to zero.
/// <para>
/// <c>LEDGER_MODEL_SEQUENCES</c> sets how many sequences run (default 10 000; seeds <see cref="BaseSeed"/> + i, or
/// <c>LEDGER_MODEL_BASE_SEED</c> + i; <c>LEDGER_MODEL_PER_HOST</c> sequences share one silo, default 10);
/// <c>LEDGER_MODEL_SEED</c> replays exactly one. A failure names its seed,
/// step, operation log and the command that replays it.
/// </para>
/// </summary>
public sealed class LedgerModelTests(ITestOutputHelper output)
{
    private const int DefaultSequences = 10_000;
    private const int BaseSeed = 20_310_215;
    /// <summary>Sequences per silo: a silo takes a second or two to start; its in-memory ledger is indexed by account, so many sequences share one.</summary>
    private const int SequencesPerHost = 500;
    private const int Workers = 2;

    [Fact]
    public async Task LedgerModel_balances_follow_the_model_after_every_step_of_generated_operation_sequences()
    {
        var seeds = Seeds();
        var counts = new int[Enum.GetValues<LedgerOp>().Length];
        var perHost = Environment.GetEnvironmentVariable("LEDGER_MODEL_PER_HOST") is { Length: > 0 } h ? Parse(h, "LEDGER_MODEL_PER_HOST") : SequencesPerHost;
        var batches = seeds.Chunk(Math.Max(1, perHost)).ToList();
        var next = -1;
        var completed = 0;
        LedgerModelFailure? failure = null;
        var watch = Stopwatch.StartNew();

        async Task Worker()
        {
            int index;
            while (Volatile.Read(ref failure) is null && (index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var clock = new LedgerClock();
                await using var host = await SiloHost.StartAsync(null, $"ledger-model-{index}", clock);
                foreach (var seed in batches[index])
                {
                    if (Volatile.Read(ref failure) is not null) return;
                    try
                    {
                        await new LedgerSequence(host, clock, seed, counts).Run();
                        Interlocked.Increment(ref completed);
                    }
                    catch (LedgerModelFailure ex)
                    {
                        // Report the lowest failing seed of those that ran (the other worker stops at its next sequence).
                        LedgerModelFailure? seen;
                        do seen = Volatile.Read(ref failure);
                        while ((seen is null || ex.Seed < seen.Seed) && Interlocked.CompareExchange(ref failure, ex, seen) != seen);
                        return;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(Worker)));
        watch.Stop();
        var summary = $"{completed} of {seeds.Length} sequence(s) from seed {seeds[0]} passed in {watch.Elapsed.TotalSeconds:F1} s; operations: "
            + string.Join(", ", Enum.GetValues<LedgerOp>().Select(op => $"{op} {counts[(int)op]}"));
        output.WriteLine(summary);
        Console.WriteLine("LedgerModel: " + summary);
        if (failure is not null) Assert.Fail(failure.Message);
    }

    private static int[] Seeds()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_MODEL_SEED") is { Length: > 0 } replay)
            return [Parse(replay, "LEDGER_MODEL_SEED")];
        var count = Environment.GetEnvironmentVariable("LEDGER_MODEL_SEQUENCES") is { Length: > 0 } n
            ? Parse(n, "LEDGER_MODEL_SEQUENCES") : DefaultSequences;
        var baseSeed = Environment.GetEnvironmentVariable("LEDGER_MODEL_BASE_SEED") is { Length: > 0 } b
            ? Parse(b, "LEDGER_MODEL_BASE_SEED") : BaseSeed;
        return [.. Enumerable.Range(0, count).Select(i => checked(baseSeed + i))];
    }

    private static int Parse(string value, string name) =>
        int.TryParse(value, out var parsed) && parsed >= 0
            ? parsed
            : throw new ArgumentException($"{name} must be a non-negative integer, not '{value}'.");
}
