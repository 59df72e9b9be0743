using System.Globalization;
using Dapper;
using Npgsql;
using Orleans.Storage;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Silo.Storage;

/// <summary>A read model written in the same PostgreSQL transaction as the grain state it mirrors.</summary>
public interface IPostgresProjection
{
    /// <summary>The <c>[PersistentState]</c> name of the states it mirrors.</summary>
    string StateName { get; }

    Task ProjectAsync(NpgsqlTransaction transaction, string key, object state, CancellationToken cancellationToken);
}

/// <summary>
/// Orleans grain storage on PostgreSQL (Npgsql + Dapper). One state write is one transaction: the
/// version-checked state row (<c>INSERT … ON CONFLICT DO NOTHING</c> for the first write,
/// <c>UPDATE … WHERE version = expected</c> after), a journal row of what changed, the ledger
/// postings the grain staged for it, and the projections of that state. Zero rows touched means
/// another writer won: <see cref="InconsistentStateException"/>, and Orleans deactivates the grain.
/// A write made for a request with an idempotency key records that key too (<see cref="IdempotencyEffects"/>).
/// </summary>
/// <remarks>
/// Why our own provider and not Orleans' ADO.NET one with a stored procedure behind its
/// <c>WriteToStorageKey</c>: postings, journal and catalogue rows are computed in C# from the
/// state (the catalogue from the patent's rules, the journal as a diff); the ADO.NET provider
/// could only hand SQL an opaque payload, so the same logic would have to be written again in
/// PL/pgSQL over JSON. Here it is one code path, in one transaction (docs/ARCHITECTURE.md).
/// </remarks>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, IEnumerable<IPostgresProjection> projections, IGrainContextAccessor contexts)
    : IGrainStorage
{
    private readonly ILookup<string, IPostgresProjection> _projections = projections.ToLookup(p => p.StateName);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var writeContext = GrainWriteContext.Current(contexts, grainId);
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string Json, long Version)?>(
            "SELECT payload::text AS json, version FROM grain_state WHERE grain_type = @stateName AND grain_key = @key",
            new { stateName, key = grainId.Key.ToString() });
        if (row is { } stored)
        {
            grainState.State = (T)StateJson.Deserialize(stored.Json, typeof(T));
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
            writeContext?.Remember(stateName, stored.Json);
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Read the activation's context before the first await: only then is it the current one.
        var writeContext = GrainWriteContext.Current(contexts, grainId);
        var postings = writeContext?.Drain() ?? [];
        var idempotent = IdempotencyContext.Current;
        var json = StateJson.Serialize(grainState.State!);
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var args = new
        {
            Type = stateName,
            Key = grainId.Key.ToString(),
            Json = json,
            Expected = expected,
            Changes = StateChanges.Between(writeContext?.LastJson(stateName), json),
            Operation = writeContext?.Operation ?? "unknown",
            Caller = CallerContext.Current,
        };

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = expected == 0
            ? await connection.ExecuteAsync(
                """
                INSERT INTO grain_state (grain_type, grain_key, payload, version) VALUES (@Type, @Key, @Json::jsonb, 1)
                ON CONFLICT (grain_type, grain_key) DO NOTHING
                """, args, transaction)
            : await connection.ExecuteAsync(
                """
                UPDATE grain_state SET payload = @Json::jsonb, version = version + 1, modified_on = now()
                WHERE grain_type = @Type AND grain_key = @Key AND version = @Expected
                """, args, transaction);
        if (rows == 0)
            throw new InconsistentStateException($"{stateName}/{args.Key} changed since version {expected} was read.", null, grainState.ETag);

        await connection.ExecuteAsync(
            """
            INSERT INTO grain_journal (grain_type, grain_key, version, operation, caller, changes)
            VALUES (@Type, @Key, @Expected + 1, @Operation, @Caller, @Changes::jsonb)
            """, args, transaction);
        await InsertPostingsAsync(transaction, stateName, args.Key, expected + 1, postings);
        if (idempotent is not null)
            await IdempotencyEffects.RecordAsync(transaction, idempotent, stateName, args.Key, expected + 1, postings);
        foreach (var projection in _projections[stateName])
            await projection.ProjectAsync(transaction, args.Key, grainState.State!, CancellationToken.None);
        await transaction.CommitAsync();
        MarketMetrics.PostingsCommitted(postings);

        grainState.ETag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        writeContext?.Remember(stateName, json);
    }

    /// <summary>Grain state is never deleted (the journal and the ledger refer to it).</summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("Market grain state is kept for the audit trail; it is never cleared.");

    private static async Task InsertPostingsAsync(NpgsqlTransaction transaction, string stateName, string key, long version, IReadOnlyList<Posting> postings)
    {
        var connection = transaction.Connection!;
        foreach (var posting in postings)
        {
            posting.Validate();
            var inserted = await connection.ExecuteAsync(
                """
                INSERT INTO ledger_postings (id, currency, memo, grain_type, grain_key, version, value_date)
                VALUES (@Id, @Currency, @Memo, @stateName, @key, @version, @ValueDate::date) ON CONFLICT (id) DO NOTHING
                """, new { posting.Id, posting.Currency, posting.Memo, stateName, key, version, ValueDate = posting.ValueDate?.ToDateTime(TimeOnly.MinValue) }, transaction);
            if (inserted == 0)
                throw new DuplicatePostingException(posting.Id);
            await connection.ExecuteAsync(
                "INSERT INTO ledger_entries (posting_id, seq, account, currency, amount) VALUES (@PostingId, @Seq, @Account, @Currency, @Amount)",
                posting.Entries.Select((e, i) => new { PostingId = posting.Id, Seq = i, e.Account, posting.Currency, e.Amount }), transaction);
        }
    }
}
