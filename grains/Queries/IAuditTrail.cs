namespace PatentNav.Market.Grains.Queries;

/// <summary>The journal the runtime writes with every grain state change: who did what, when.</summary>
public interface IAuditTrail
{
    /// <summary>Entries for one grain, oldest first, after version <paramref name="afterVersion"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> History<TGrainInterface>(string key, long afterVersion, int limit, CancellationToken cancellationToken = default)
        where TGrainInterface : Abstractions.IGrainWithStringKey;
}

/// <summary>One state change: the version it produced, the grain method that made it, the caller, and the state after it.</summary>
public sealed record AuditEntry(long Version, string Operation, string? Caller, DateTimeOffset RecordedAt, System.Text.Json.JsonElement State);
