using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace PatentNav.Market.Silo.Hosting;

/// <summary>
/// Membership timing, measured here on two silos (docs/ARCHITECTURE.md, "Failover"): with Orleans'
/// defaults a killed silo is declared dead after 6.5 s and a hung one after about a minute; with
/// these a killed silo after 2.5 s and a hung one after 9.5 s, with no false suspicion of a busy
/// silo on two loaded cores. Its grains answer from a survivor once it is declared dead. Each value
/// can be overridden under <c>Market:Orleans:Membership</c> (e.g. <c>ProbeTimeout</c>).
/// </summary>
public static class MarketMembership
{
    public static void Apply(ClusterMembershipOptions o, IConfiguration configuration)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        // Also bounds the window in which any message from a silo suppresses votes against it (hangs).
        o.MaxProbeTimeout = TimeSpan.FromSeconds(3);
        o.NumMissedProbesLimit = 3;
        o.NumVotesForDeathDeclaration = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        o.DeathVoteExpirationTimeout = TimeSpan.FromMinutes(1);
        configuration.GetSection("Market:Orleans:Membership").Bind(o);
    }
}
