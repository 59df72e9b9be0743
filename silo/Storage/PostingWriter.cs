using Dapper;
using Npgsql;
using PatentNav.Market.Grains.Ledger;

namespace PatentNav.Market.Silo.Storage;

/// <summary>Writes a grain write's ledger postings inside its transaction.</summary>
internal static class PostingWriter
{
    public static async Task InsertAsync(NpgsqlTransaction transaction, GrainWrite write)
    {
        var connection = transaction.Connection!;
        foreach (var posting in write.Postings)
        {
            posting.Validate();
            var inserted = await connection.ExecuteAsync(
                """
                INSERT INTO ledger_postings (id, currency, memo, grain_type, grain_key, version)
                VALUES (@Id, @Currency, @Memo, @Type, @Key, @Version) ON CONFLICT (id) DO NOTHING
                """, new { posting.Id, posting.Currency, posting.Memo, write.Id.Type, write.Id.Key, Version = write.ExpectedVersion + 1 }, transaction);
            if (inserted == 0)
                throw new DuplicatePostingException(posting.Id);
            await connection.ExecuteAsync(
                "INSERT INTO ledger_entries (posting_id, seq, account, currency, amount) VALUES (@PostingId, @Seq, @Account, @Currency, @Amount)",
                posting.Entries.Select((e, i) => new { PostingId = posting.Id, Seq = i, e.Account, posting.Currency, e.Amount }), transaction);
        }
    }
}
