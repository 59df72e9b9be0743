using Dapper;
using Npgsql;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Issue 11 (P1, P2): a pool's licensees are rows of their own (<c>pool_licensees</c>), written in the transaction of the
/// licence they belong to; the pool grain stores nothing on a purchase. So its state stays one size at any number of
/// licensees, and concurrent purchases of one pool never wait for each other's pool write — while each purchase is still
/// stored exactly once, with its idempotency effect, and a failed write leaves nothing.
/// </summary>
public sealed class PoolLicenseeRowsTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private async Task<T> Scalar<T>(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(market.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException(sql);
    }

    /// <summary>The pool's stored state: version, size in bytes, journal rows.</summary>
    private async Task<(long Version, int Bytes, long JournalRows)> PoolStored(string poolId)
    {
        await using var connection = new NpgsqlConnection(market.ConnectionString);
        return await connection.QuerySingleAsync<(long, int, long)>(
            """
            SELECT s.version, octet_length(s.payload::text),
                   (SELECT count(*) FROM grain_journal j WHERE j.grain_type = 'pool' AND j.grain_key = s.grain_key)
            FROM grain_state s WHERE s.grain_type = 'pool' AND s.grain_key = @poolId
            """, new { poolId });
    }

    private async Task<IssuedKey[]> Licensees(int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => market.Admin().NewKey("company", "licensee")))];

    /// <summary>Runs <paramref name="work"/> for every item, <paramref name="parallel"/> at a time.</summary>
    private static async Task<TOut[]> InParallel<TIn, TOut>(IReadOnlyList<TIn> items, int parallel, Func<TIn, Task<TOut>> work)
    {
        var results = new TOut[items.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < items.Count;) results[i] = await work(items[i]);
        }));
        return results;
    }

    [Fact]
    public async Task A_pool_at_many_licensees_stores_a_state_of_constant_size_and_lists_them_page_by_page()
    {
        var pool = await market.NewPool();
        var before = await PoolStored(pool.Id);
        var licensees = await Licensees(150);

        var first = await InParallel(licensees[..5], 5, l => market.Acquire(pool, l));
        var afterFive = await PoolStored(pool.Id);
        var rest = await InParallel(licensees[5..], 16, l => market.Acquire(pool, l));
        var afterAll = await PoolStored(pool.Id);

        // Purchases wrote nothing of the pool: same version, same bytes, no journal row; the licensees are rows.
        Assert.Equal(before, afterFive);
        Assert.Equal(before, afterAll);
        Assert.Equal(150L, await Scalar<long>("SELECT count(*) FROM pool_licensees WHERE pool_id = @id AND ended_on IS NULL", new { id = pool.Id }));

        // The public list, 100 on the pool and the rest a page at a time (limit 60: 60 + 60 + 30), oldest first,
        // each licence once; the pool's first page continues where the paged list's cursor says.
        var anonymous = market.ClientWith(null);
        var view = await (await anonymous.GetAsync($"/api/v1/pools/{pool.Id}")).ShouldBe(200);
        Assert.Equal(100, view.GetProperty("licensees").GetArrayLength());
        Assert.Equal(first.Order(), view.GetProperty("licensees").EnumerateArray().Take(5).Select(l => l.GetProperty("licenceId").GetString()!).Order());
        var listed = new List<string>();
        var pages = 0;
        for (string? cursor = null; pages == 0 || cursor is not null; pages++)
        {
            var page = await (await anonymous.GetAsync($"/api/v1/pools/{pool.Id}/licensees?limit=60" + (cursor is null ? "" : $"&cursor={cursor}"))).ShouldBe(200);
            listed.AddRange(page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("licenceId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages == 0)
                Assert.Equal(view.GetProperty("licensees").EnumerateArray().Take(60).Select(l => l.GetProperty("licenceId").GetString()), listed);
        }
        Assert.Equal(3, pages);
        Assert.Equal(first.Concat(rest).Order(), listed.Order());
        Assert.Equal(150, listed.Distinct().Count());
        var more = await (await anonymous.GetAsync($"/api/v1/pools/{pool.Id}/licensees?limit=100&cursor={view.GetProperty("licenseesNextCursor").GetString()}")).ShouldBe(200);
        Assert.Equal(listed.Skip(100), more.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("licenceId").GetString()!));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, more.GetProperty("nextCursor").ValueKind);

        // An ended licence leaves the list in its own write; the pool is still not written.
        await (await market.Client(licensees[0]).PostAsync($"/api/v1/licences/{first[0]}/surrender", null)).ShouldBe(200);
        var afterSurrender = await (await anonymous.GetAsync($"/api/v1/pools/{pool.Id}/licensees?limit=100")).ShouldBe(200);
        Assert.DoesNotContain(first[0], afterSurrender.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("licenceId").GetString()));
        Assert.Equal(before, await PoolStored(pool.Id));

        // Bad paging input is a 400 naming the parameter; an unknown pool 404.
        await (await anonymous.GetAsync($"/api/v1/pools/{pool.Id}/licensees?limit=0")).ShouldBeProblem(400, "validation_failed", "limit");
        await (await anonymous.GetAsync($"/api/v1/pools/{pool.Id}/licensees?cursor=nope")).ShouldBeProblem(400, "validation_failed", "cursor");
        await (await anonymous.GetAsync("/api/v1/pools/pool_0000000000000000/licensees")).ShouldBeProblem(404, "pool_not_found");
    }

    [Fact]
    public async Task Concurrent_purchases_of_one_pool_are_each_stored_once_and_a_retry_answers_the_same()
    {
        var pool = await market.NewPool();
        var licensees = await Licensees(40);
        var keys = licensees.Select(_ => Guid.NewGuid().ToString()).ToArray();

        // All 40 at once, then each again with its key (a client that lost the answer).
        var bodies = await Task.WhenAll(licensees.Select(async (l, i) =>
            await (await market.Client(l).PostWithKey(pool.Licences, new { }, keys[i])).Content.ReadAsStringAsync()));
        var ids = bodies.Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("id").GetString()!).ToArray();
        var again = await Task.WhenAll(licensees.Select(async (l, i) =>
            await (await market.Client(l).PostWithKey(pool.Licences, new { }, keys[i])).Content.ReadAsStringAsync()));
        Assert.Equal(bodies, again);
        Assert.Equal(40, ids.Distinct().Count());

        await using var connection = new NpgsqlConnection(market.ConnectionString);
        // Each licence: one state at version 1, one journal row, one list row for its own licensee, one recorded effect.
        var stored = (await connection.QueryAsync<(string Id, string LicenseeId, long Version, long Journal, long Effects)>(
            """
            SELECT r.licence_id, r.licensee_id, s.version,
                   (SELECT count(*) FROM grain_journal j WHERE j.grain_type = 'licence' AND j.grain_key = r.licence_id),
                   (SELECT count(*) FROM idempotency_effects e WHERE e.grain_type = 'licence' AND e.grain_key = r.licence_id)
            FROM pool_licensees r JOIN grain_state s ON s.grain_type = 'licence' AND s.grain_key = r.licence_id
            WHERE r.pool_id = @id
            """, new { id = pool.Id })).ToDictionary(r => r.Id);
        Assert.Equal(ids.Order(), stored.Keys.Order());
        for (var i = 0; i < ids.Length; i++)
            Assert.Equal((licensees[i].PartyId, 1L, 1L, 1L), (stored[ids[i]].LicenseeId, stored[ids[i]].Version, stored[ids[i]].Journal, stored[ids[i]].Effects));
        // A purchase moves no money; the ledger as a whole still sums to zero per currency.
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_postings WHERE grain_key = ANY(@ids)", new { ids }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT currency FROM ledger_entries GROUP BY currency HAVING sum(amount) <> 0) unbalanced"));
    }

    [Fact]
    public async Task A_database_fault_in_a_purchase_leaves_neither_licence_nor_list_row_and_the_retry_stores_it_once()
    {
        var pool = await market.NewPool();
        var licensees = await Licensees(12);
        var faulty = licensees[0];
        await using var connection = new NpgsqlConnection(market.ConnectionString);
        // Fault injection: the database refuses this licensee's list row, inside the licence write's transaction.
        await connection.ExecuteAsync(
            $"""
            CREATE OR REPLACE FUNCTION refuse_pool_licensee() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF NEW.licensee_id = '{faulty.PartyId}' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$;
            DROP TRIGGER IF EXISTS refuse_pool_licensee ON pool_licensees;
            CREATE TRIGGER refuse_pool_licensee BEFORE INSERT ON pool_licensees FOR EACH ROW EXECUTE FUNCTION refuse_pool_licensee();
            """);
        var key = Guid.NewGuid().ToString();
        try
        {
            // The faulty purchase among 11 others of the same pool at the same time.
            var responses = await Task.WhenAll(licensees.Select((l, i) =>
                market.Client(l).PostWithKey(pool.Licences, new { }, i == 0 ? key : Guid.NewGuid().ToString())));
            Assert.False(responses[0].IsSuccessStatusCode, await responses[0].Content.ReadAsStringAsync());
            foreach (var response in responses.Skip(1)) await response.ShouldBe(201);
        }
        finally
        {
            await connection.ExecuteAsync("DROP TRIGGER IF EXISTS refuse_pool_licensee ON pool_licensees");
        }

        var rows = (await connection.QueryAsync<string>("SELECT licensee_id FROM pool_licensees WHERE pool_id = @id", new { id = pool.Id })).ToList();
        Assert.Equal(licensees.Skip(1).Select(l => l.PartyId).Order(), rows.Order());
        // Nothing of the failed licence write: no licence state, no recorded licence effect of its key. (The licensee's
        // index of its licences is its own grain, written before the licence as it always was: it names the id the key
        // derives, which the retry below then creates.)
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT count(*) FROM grain_state WHERE grain_type = 'licence' AND payload->>'licenseeId' = @party)
                 + (SELECT count(*) FROM idempotency_effects WHERE key = @key AND grain_type = 'licence')
            """, new { party = faulty.PartyId, key }));

        // The retry with the same key does the work, once.
        var retried = await (await market.Client(faulty).PostWithKey(pool.Licences, new { }, key)).ShouldBe(201);
        var id = retried.GetProperty("id").GetString()!;
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pool_licensees WHERE licence_id = @id AND licensee_id = @party", new { id, party = faulty.PartyId }));
        Assert.Equal(12L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pool_licensees WHERE pool_id = @pool", new { pool = pool.Id }));
    }
}
