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
/// postings and pool licensee rows the grain staged for it, and the projections of that state. Zero rows touched means
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
        var poolLicensees = writeContext?.DrainPoolLicensees() ?? [];
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
        // One round trip for the whole write (NpgsqlBatch), in the order the locks were always taken:
        // state (+ its journal row, in one statement), postings, their entries, the idempotency effect.
        // Each outcome is checked afterwards and any refusal rolls everything back, as before.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var stateAndJournal = StateAndJournal(expected, args.Type, args.Key, json, args.Operation, args.Caller, args.Changes);
        batch.BatchCommands.Add(stateAndJournal);
        var postingRows = postings.Count > 0 ? AddPostings(batch, stateName, args.Key, expected + 1, postings) : null;
        if (poolLicensees.Count > 0) batch.BatchCommands.Add(PoolLicenseeRows.Command(poolLicensees));
        var effect = idempotent is null ? null : IdempotencyEffects.Command(idempotent, stateName, args.Key, expected + 1, postings);
        if (effect is not null) batch.BatchCommands.Add(effect);
        long? currentAttempt = null;
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            // Only the idempotency effect returns rows (the key's attempt); the other commands report rows affected.
            do
            {
                while (await reader.ReadAsync()) currentAttempt = reader.GetInt64(0);
            } while (await reader.NextResultAsync());
        }
        if (stateAndJournal.RecordsAffected == 0)
            throw new InconsistentStateException($"{stateName}/{args.Key} changed since version {expected} was read.", null, grainState.ETag);
        if (postingRows is not null && postingRows.RecordsAffected < postings.Count)
            throw new DuplicatePostingException(await FirstDuplicate(transaction, stateName, args.Key, expected + 1, postings));
        if (idempotent is not null && currentAttempt > idempotent.Attempt)
            throw new SupersededAttemptException(idempotent.Key, idempotent.Attempt);
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

    /// <summary>
    /// The state row, version-checked, and its journal row in one statement: the journal row is inserted
    /// from the state row the write returns, so zero rows affected means another writer won.
    /// </summary>
    private static NpgsqlBatchCommand StateAndJournal(long expected, string type, string key, string json, string operation, string? caller, string changes)
    {
        var command = new NpgsqlBatchCommand(expected == 0
            ? """
              WITH written AS (
                  INSERT INTO grain_state (grain_type, grain_key, payload, version) VALUES ($1, $2, $3::jsonb, 1)
                  ON CONFLICT (grain_type, grain_key) DO NOTHING RETURNING version)
              INSERT INTO grain_journal (grain_type, grain_key, version, operation, caller, changes)
              SELECT $1, $2, written.version, $5, $6, $7::jsonb FROM written
              """
            : """
              WITH written AS (
                  UPDATE grain_state SET payload = $3::jsonb, version = version + 1, modified_on = now()
                  WHERE grain_type = $1 AND grain_key = $2 AND version = $4 RETURNING version)
              INSERT INTO grain_journal (grain_type, grain_key, version, operation, caller, changes)
              SELECT $1, $2, written.version, $5, $6, $7::jsonb FROM written
              """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = json });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operation });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)caller ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = changes });
        return command;
    }

    /// <summary>
    /// All postings of the write in one statement and all their entries in another. A posting id seen
    /// before inserts nothing (so fewer rows than postings: <see cref="DuplicatePostingException"/>),
    /// and its entries are skipped rather than failing the batch before that can be told.
    /// </summary>
    private static NpgsqlBatchCommand AddPostings(NpgsqlBatch batch, string stateName, string key, long version, IReadOnlyList<Posting> postings)
    {
        foreach (var posting in postings) posting.Validate();
        var rows = new NpgsqlBatchCommand(
            """
            INSERT INTO ledger_postings (id, currency, memo, grain_type, grain_key, version, value_date)
            SELECT p.id, p.currency, p.memo, $4, $5, $6, p.value_date
            FROM unnest($1::text[], $2::text[], $3::text[], $7::text[]::date[]) AS p(id, currency, memo, value_date)
            ON CONFLICT (id) DO NOTHING
            """);
        rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. postings.Select(p => p.Id)] });
        rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. postings.Select(p => p.Currency)] });
        rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. postings.Select(p => p.Memo)] });
        rows.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        rows.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        rows.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        // The posting's value date (an imported record's original day), or null for "the day it was posted".
        rows.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. postings.Select(p => p.ValueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))] });
        batch.BatchCommands.Add(rows);

        var entries = postings.SelectMany(p => p.Entries.Select((e, i) => (PostingId: p.Id, Seq: i, e.Account, p.Currency, e.Amount))).ToList();
        var entryRows = new NpgsqlBatchCommand(
            """
            INSERT INTO ledger_entries (posting_id, seq, account, currency, amount)
            SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::bigint[])
            ON CONFLICT (posting_id, seq) DO NOTHING
            """);
        entryRows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.PostingId)] });
        entryRows.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. entries.Select(e => e.Seq)] });
        entryRows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Account)] });
        entryRows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Currency)] });
        entryRows.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. entries.Select(e => e.Amount)] });
        batch.BatchCommands.Add(entryRows);
        return rows;
    }

    /// <summary>The first staged posting whose id belongs to another write (only asked when one did).</summary>
    private static async Task<string> FirstDuplicate(NpgsqlTransaction transaction, string stateName, string key, long version, IReadOnlyList<Posting> postings)
    {
        var taken = (await transaction.Connection!.QueryAsync<string>(
            "SELECT id FROM ledger_postings WHERE id = ANY(@ids) AND NOT (grain_type = @stateName AND grain_key = @key AND version = @version)",
            new { ids = postings.Select(p => p.Id).ToArray(), stateName, key, version }, transaction)).ToHashSet();
        return postings.First(p => taken.Contains(p.Id)).Id;
    }
}
