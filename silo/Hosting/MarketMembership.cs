using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace PatentNav.Market.Silo.Hosting;

/// <summary>
/// Membership timing. Orleans' defaults take 6–14 s to declare a killed silo dead (measured here);
/// its grains are unreachable until then. Shorter probes and fewer missed probes bring that to a
/// few seconds on a small cluster without false suspicions on a loaded machine. Each value can be
/// overridden under <c>Market:Orleans:Membership</c> (e.g. <c>ProbeTimeout</c>).
/// </summary>
public static class MarketMembership
{
    public static void Apply(ClusterMembershipOptions o, IConfiguration configuration)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        configuration.GetSection("Market:Orleans:Membership").Bind(o);
    }
}
