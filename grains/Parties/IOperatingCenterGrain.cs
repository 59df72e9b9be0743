
namespace PatentNav.Market.Grains.Parties;

/// <summary>
/// Settings of one operating center (知识产权运营中心), keyed by the center's party id. For now: the
/// commission it takes on transfers it runs (§7), in basis points of the price.
/// </summary>
public interface IOperatingCenterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the commission: 0–10 000 bps (400 <c>invalid_bps</c>); the party must exist (422
    /// <c>unknown_party</c>) and be an operating center (422 <c>not_operating_center</c>).
    /// Transfers already open keep the commission they were created with.
    /// </summary>
    Task<OperatingCenterSettings> Configure(int commissionBps);

    /// <summary>The settings, or null if the center never configured any (the market default applies).</summary>
    Task<OperatingCenterSettings?> Get();
}

[GenerateSerializer]
[Immutable]
public sealed record OperatingCenterSettings(string CenterId, int CommissionBps, DateTimeOffset UpdatedAt);

[GenerateSerializer]
public sealed class OperatingCenterState
{
    [Id(0)]
    public int CommissionBps { get; set; }
    [Id(1)]
    public DateTimeOffset? UpdatedAt { get; set; }
}
