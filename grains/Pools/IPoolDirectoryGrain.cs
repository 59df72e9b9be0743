
namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// The public list of pools, one grain keyed <see cref="Key"/>. <see cref="IPoolGrain.Create"/>
/// registers each new pool here before it writes its own state.
/// </summary>
public interface IPoolDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Adds or refreshes the listing of one pool; registering the same listing again is a no-op.</summary>
    Task Register(PoolListing listing);

    /// <summary>Every listed pool, oldest first.</summary>
    Task<IReadOnlyList<PoolListing>> List();
}

/// <summary>What the pool list shows of a pool.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PoolListing(string Id, string Name, string AdministratorId, string Currency, DateTimeOffset CreatedAt);

[GenerateSerializer]
public sealed class PoolDirectoryState
{
    [Id(0)]
    public List<PoolListing> Pools { get; set; } = [];
}
