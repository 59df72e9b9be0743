namespace PatentNav.Market.Grains.Queries;

/// <summary>The journal the grain storage writes with every state change: who did what, when, and what changed.</summary>
public interface IAuditTrail
{
    /// <summary>Entries of one grain state (its <c>[PersistentState]</c> name and grain key), oldest first, after <paramref name="afterVersion"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> History(string stateName, string key, long afterVersion, int limit, CancellationToken cancellationToken = default);
}

/// <summary>
/// One state change: the version it produced, the grain method that made it, the caller, and
/// <see cref="Changes"/>: the top-level state properties the change set, with their new values
/// (the whole state for the first version; a removed property as null).
/// </summary>
public sealed record AuditEntry(long Version, string Operation, string? Caller, DateTimeOffset RecordedAt, System.Text.Json.JsonElement Changes);
