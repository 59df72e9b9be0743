using System.Reflection;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>Configuration section <c>Market:Runtime</c>.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Name of this silo; reminder leases carry it. Defaults to machine name and process id.</summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>An activation idle this long is deactivated (Orleans' default collection age is 15 minutes).</summary>
    public TimeSpan IdleDeactivationAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan IdleScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call that has not completed in this time fails with a timeout error.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a call is re-run after a version conflict before the conflict is reported.</summary>
    public int MaxConflictRetries { get; set; } = 5;

    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A claimed reminder tick not completed within the lease is claimed again by any silo.</summary>
    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Assemblies scanned for grain classes; the grains assembly is always included.</summary>
    public List<Assembly> GrainAssemblies { get; } = [typeof(Grains.Abstractions.Grain).Assembly];
}
