
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
}

/// <summary>Durable state of <see cref="DistributionGrain"/>.</summary>
[GenerateSerializer]
public sealed class DistributionState
{
    [Id(0)]
    public Distribution? Distribution { get; set; }
}
