using System.Collections.Concurrent;
using System.Diagnostics;

namespace PatentNav.Market.Benchmarks.WritePath;

/// <summary>What one load phase measured: successes per second and their latencies (ms, sorted).</summary>
public sealed record LoadResult(int Ok, int Failed, double Seconds, double[] Ms, string? FirstFailure)
{
    public double Rate => Ok / Seconds;

    public double P(double p) => Ms.Length == 0 ? double.NaN : Ms[Math.Clamp((int)Math.Ceiling(p * Ms.Length) - 1, 0, Ms.Length - 1)];
}

/// <summary>One request of a phase: <c>null</c> when the phase has no more work, else whether it succeeded (and why not).</summary>
public delegate Task<(bool Ok, string? Why)?> Operation();

/// <summary>
/// The project's load: a closed loop (N clients, each sending its next request when the last was answered,
/// for max throughput) and an open loop (requests started on a fixed schedule, for latency at a given rate;
/// latency counts from the scheduled start, so a stalled server is not hidden by clients that wait).
/// </summary>
public static class Load
{
    public static async Task<LoadResult> Closed(int clients, TimeSpan duration, Operation op)
    {
        var latencies = new ConcurrentBag<double>();
        int ok = 0, failed = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                var result = await op();
                if (result is not { } r) return;
                if (r.Ok)
                {
                    Interlocked.Increment(ref ok);
                    latencies.Add((clock.Elapsed - start).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, r.Why, null);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Worker)));
        return new LoadResult(ok, failed, clock.Elapsed.TotalSeconds, [.. latencies.Order()], firstFailure);
    }

    public static async Task<LoadResult> Open(double rate, TimeSpan duration, Operation op)
    {
        var latencies = new ConcurrentBag<double>();
        int ok = 0, failed = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var total = (int)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>(total);
        async Task One(TimeSpan due)
        {
            var result = await op();
            if (result is not { } r) return;
            if (r.Ok)
            {
                Interlocked.Increment(ref ok);
                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
            }
            else
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, r.Why, null);
            }
        }
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            inFlight.Add(Task.Run(() => One(due)));
        }
        await Task.WhenAll(inFlight);
        return new LoadResult(ok, failed, clock.Elapsed.TotalSeconds, [.. latencies.Order()], firstFailure);
    }
}
