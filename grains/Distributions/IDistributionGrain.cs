
namespace PatentNav.Market.Grains.Distributions;

/// <summary>
/// The revenue distribution of one pool period (§6), keyed <c>{poolId}:{periodStart:yyyy-MM-dd}:{periodEnd:yyyy-MM-dd}</c>
/// (<see cref="DistributionPeriodRules.Key"/>). It runs once: the first <see cref="Run"/> moves the money, every later
/// one returns what the first stored.
/// </summary>
public interface IDistributionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Distributes the cash collected for the period's reporting quarters, or returns the stored distribution.
    /// 404 <c>pool_not_found</c>; 422 <c>period_not_aligned</c>, <c>period_not_ended</c>, <c>nothing_collected</c>,
    /// <c>no_weight</c>, <c>valuation_currencies_differ</c> (a refusal moves nothing).
    /// </summary>
    Task<DistributionRun> Run();

    /// <summary>The stored distribution, or null if it has not run.</summary>
    Task<Distribution?> Get();

    /// <summary>
    /// A supplementary distribution of the late cash: what the period's collections accounts hold now, after the period was
    /// distributed, shared with exactly the weights of the original run (its lines), in a posting of its own
    /// (<c>dist:{key}:s{n}</c>). <paramref name="runId"/> (derived from the request's idempotency key) names the run: the
    /// same id again returns that supplement and moves nothing. 404 <c>distribution_not_found</c> before the original run;
    /// 422 <c>nothing_collected</c> when no late cash is waiting.
    /// </summary>
    Task<DistributionRun> Supplement(string runId);

    /// <summary>The original distribution and its supplements, in the order they ran; empty before the original run.</summary>
    Task<IReadOnlyList<Distribution>> Runs();
}

/// <summary>Durable state of <see cref="DistributionGrain"/>.</summary>
[GenerateSerializer]
public sealed class DistributionState
{
    [Id(0)]
    public Distribution? Distribution { get; set; }

    /// <summary>Supplementary distributions of late cash, oldest first (number n at index n − 1).</summary>
    [Id(1)]
    public List<Distribution> Supplements { get; set; } = [];

    /// <summary>Which run id made which supplement (its number), so a repeated request finds its own run.</summary>
    [Id(2)]
    public Dictionary<string, int> SupplementRuns { get; set; } = [];
}
