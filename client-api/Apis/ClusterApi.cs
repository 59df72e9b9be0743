using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>Cluster operations for the admin: which silos are in the cluster and what each holds (Orleans' management grain).</summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/cluster").WithTags("Cluster").RequireAuthorization();
        api.MapGet("/", Get).RequireRoles(Role.Admin)
            .WithSummary("Silos of the cluster")
            .WithDescription("Every silo in the membership table with its status and its grain activations by type (admin only).")
            .Refuses(401, "unauthenticated")
            .Refuses(403, "forbidden");
        return api;
    }

    public static async Task<Ok<ClusterResponse>> Get(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var activations = (await management.GetSimpleGrainStatistics())
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g
                .GroupBy(s => ShortTypeName(s.GrainType)).OrderBy(t => t.Key, StringComparer.Ordinal)
                .ToDictionary(t => t.Key, t => t.Sum(s => s.ActivationCount)));
        var silos = hosts
            .OrderBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .Select(h => new SiloResponse(h.SiloAddress.ToParsableString(), h.SiloName, StatusName(h.Status),
                new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                activations.GetValueOrDefault(h.SiloAddress) ?? new Dictionary<string, int>()))
            .ToList();
        return TypedResults.Ok(new ClusterResponse(silos));
    }

    /// <summary><c>PatentNav.Market.Grains.Parties.PartyGrain,PatentNav.Market.Grains</c> → <c>PartyGrain</c>.</summary>
    public static string ShortTypeName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    public static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Created or SiloStatus.Joining => "joining",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "shutting_down",
        _ => "dead",
    };
}
