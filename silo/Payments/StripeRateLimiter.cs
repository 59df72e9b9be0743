namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// At most N request starts per endpoint in any one-second window. A plain token bucket of N tokens
/// refilled at N/s would let 2N through in the first second (a full bucket plus the refill), so this
/// keeps the last N start times per path instead: a request may start once the Nth-previous start is a
/// second old. Reserving is synchronous and returns how long to wait, so tests can check the schedule
/// on a fake clock without sleeping.
/// </summary>
public sealed class StripeRateLimiter(int maxPerSecond, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _starts = [];

    /// <summary>Books the next start slot on <paramref name="path"/>; the caller waits the returned delay, then sends.</summary>
    public TimeSpan Reserve(string path)
    {
        lock (_starts)
        {
            if (!_starts.TryGetValue(path, out var starts)) _starts[path] = starts = new Queue<DateTimeOffset>();
            var now = clock.GetUtcNow();
            var slot = now;
            if (starts.Count == maxPerSecond)
            {
                var nthPrevious = starts.Dequeue();
                if (nthPrevious + Window > slot) slot = nthPrevious + Window;
            }
            // Slots never go backwards, so the queue stays ordered even if the clock does.
            if (starts.Count > 0 && starts.Last() > slot) slot = starts.Last();
            starts.Enqueue(slot);
            return slot - now;
        }
    }
}
