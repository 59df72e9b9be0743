namespace PatentNav.Market.ClientApi.Contracts;

/// <summary>The silos of the Orleans cluster as its membership table sees them.</summary>
public sealed record ClusterResponse(IReadOnlyList<SiloResponse> Silos);

/// <summary>One silo: <c>status</c> is <c>active</c>, <c>joining</c>, <c>shutting_down</c> or <c>dead</c>; activations count grains by type.</summary>
public sealed record SiloResponse(string Address, string Name, string Status, DateTimeOffset StartedAt, IReadOnlyDictionary<string, int> Activations);
