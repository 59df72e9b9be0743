using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Idempotency;

/// <summary>The market with <see cref="CrashingIdempotencyStore"/> in front of the PostgreSQL store; duplicates wait 1 s, not 25.</summary>
public sealed class CrashingMarket : IAsyncLifetime
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public ClockedMarket Market { get; } = new()
    {
        Services = services =>
        {
            services.AddSingleton(new IdempotencyOptions(Lease, TimeSpan.FromSeconds(1)));
            services.AddSingleton<IIdempotencyStore>(sp => new CrashingIdempotencyStore(ActivatorUtilities.CreateInstance<PostgresIdempotencyStore>(sp)));
        },
    };

    public CrashingIdempotencyStore Store => (CrashingIdempotencyStore)Market.Factory.Services.GetRequiredService<IIdempotencyStore>();

    public Task InitializeAsync() => Market.InitializeAsync();

    public Task DisposeAsync() => Market.DisposeAsync();
}

/// <summary>
/// Issue 10 §2, reproduced deterministically: a request dies between claiming its key and storing
/// its response. Before leases the key stayed "in progress" for 48 h (every retry 409) and the
/// client's fresh key moved the money again; now a retry after the lease gets the first outcome.
/// </summary>
public sealed class IdempotencyRecoveryTests(CrashingMarket fixture) : IClassFixture<CrashingMarket>
{
    private ClockedMarket Market => fixture.Market;

    [Fact]
    public async Task A_repayment_that_committed_before_its_answer_was_stored_is_answered_with_its_first_outcome_after_the_lease_and_posts_once()
    {
        var cast = await Market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await Market.Activate(cast);
        var bank = Market.Client(cast.Bank);
        fixture.Store.CrashBeforeStoringResponse("rep-committed");

        (await bank.Repay(cast, 10_000_00, "rep-committed")).ShouldBe500();
        var first = fixture.Store.LostResponses["rep-committed"];
        Assert.Equal(200, first.Status);
        Assert.Equal(1, await RepaymentPostings(cast));

        // Inside the lease a duplicate still waits and is turned away, and moves nothing.
        await (await bank.Repay(cast, 10_000_00, "rep-committed")).ShouldBeProblem(409, "idempotency_key_in_use", IdempotencyFilter.Header);

        Market.Clock.SetUtc(Market.Clock.GetUtcNow() + CrashingMarket.Lease + TimeSpan.FromSeconds(1));
        var recovered = await bank.Repay(cast, 10_000_00, "rep-committed");
        Assert.Equal(first.Status, (int)recovered.StatusCode);
        Assert.Equal(first.Body, await recovered.Content.ReadAsStringAsync());
        var replay = await bank.Repay(cast, 10_000_00, "rep-committed");
        Assert.Equal(first.Body, await replay.Content.ReadAsStringAsync());

        Assert.Equal(1, await RepaymentPostings(cast));
        Assert.Equal(-(1_000_000_00 - 10_000_00), await Market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        Assert.Equal([(1L, true), (2L, false)], await Attempts("rep-committed"));
        await Market.Factory.Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task A_repayment_whose_attempt_died_before_committing_runs_once_after_the_lease()
    {
        var cast = await Market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await Market.Activate(cast);
        var bank = Market.Client(cast.Bank);
        fixture.Store.CrashAfterClaim("rep-uncommitted");

        (await bank.Repay(cast, 20_000_00, "rep-uncommitted")).ShouldBe500();
        Assert.Equal(0, await RepaymentPostings(cast));
        await (await bank.Repay(cast, 20_000_00, "rep-uncommitted")).ShouldBeProblem(409, "idempotency_key_in_use", IdempotencyFilter.Header);
        Assert.Equal(0, await RepaymentPostings(cast));

        Market.Clock.SetUtc(Market.Clock.GetUtcNow() + CrashingMarket.Lease + TimeSpan.FromSeconds(1));
        var ran = await (await bank.Repay(cast, 20_000_00, "rep-uncommitted")).ShouldBe(200);
        var again = await (await bank.Repay(cast, 20_000_00, "rep-uncommitted")).ShouldBe(200);

        Assert.Equal(1_000_000_00 - 20_000_00, ran.Fen("outstandingPrincipal"));
        Assert.Equal(ran.GetRawText(), again.GetRawText());
        Assert.Equal(1, await RepaymentPostings(cast));
        Assert.Equal([(1L, false), (2L, true)], await Attempts("rep-uncommitted"));
        await Market.Factory.Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task A_payment_that_committed_before_its_answer_was_stored_replays_the_paid_invoice_after_the_lease()
    {
        var pool = await Market.NewPool();
        var (_, invoice) = await Market.ReportedLicence(pool);
        var op = Market.Client(pool.Administrator);
        fixture.Store.CrashBeforeStoringResponse("pay-committed");

        (await op.Pay(invoice.Id(), "BANK-REF-CRASH-1", invoice.Amount(), key: "pay-committed")).ShouldBe500();
        var first = fixture.Store.LostResponses["pay-committed"];
        Assert.Equal(201, first.Status);

        Market.Clock.SetUtc(Market.Clock.GetUtcNow() + CrashingMarket.Lease + TimeSpan.FromSeconds(1));
        var recovered = await op.Pay(invoice.Id(), "BANK-REF-CRASH-1", invoice.Amount(), key: "pay-committed");

        Assert.Equal(first.Status, (int)recovered.StatusCode);
        Assert.Equal(first.Body, await recovered.Content.ReadAsStringAsync());
        Assert.Equal(first.Location, recovered.Headers.Location?.ToString());
        Assert.Equal(1, await Count("SELECT count(*) FROM ledger_postings WHERE id = @id", new { id = $"pay:{invoice.Id()}" }));
        await Market.Factory.Services.AssertLedgerBalances();
    }

    private Task<int> RepaymentPostings(PledgeCast cast) =>
        Count("SELECT count(*) FROM ledger_postings WHERE id LIKE @prefix", new { prefix = $"pledge:{cast.Id}:pay:%" });

    private async Task<int> Count(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(Market.Factory.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        return await connection.ExecuteScalarAsync<int>(sql, args);
    }

    /// <summary>Per attempt of the key (in order): whether it committed a posting under the key.</summary>
    private async Task<(long, bool)[]> Attempts(string key)
    {
        await using var connection = new NpgsqlConnection(Market.Factory.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var current = await connection.ExecuteScalarAsync<long>("SELECT attempt FROM idempotency_keys WHERE key = @key", new { key });
        var posted = (await connection.QueryAsync<long>(
            "SELECT DISTINCT attempt FROM idempotency_effects WHERE key = @key AND postings > 0", new { key })).ToHashSet();
        return [.. Enumerable.Range(1, (int)current).Select(a => ((long)a, posted.Contains(a)))];
    }
}

internal static class CrashAssertions
{
    /// <summary>The injected crash surfaced as the gateway's generic 500.</summary>
    public static void ShouldBe500(this HttpResponseMessage response) => Assert.Equal(500, (int)response.StatusCode);
}

/// <summary>The storage's fence: an attempt that was taken over commits nothing.</summary>
public sealed class SupersededAttemptTests(CrashingMarket fixture) : IClassFixture<CrashingMarket>
{
    [Fact]
    public async Task A_write_of_an_attempt_that_a_later_one_took_over_is_refused_and_moves_no_money()
    {
        var market = fixture.Market;
        var cast = await market.ApplyDeal(1_000_000_00, 3_000_000_00);
        await market.Activate(cast);
        var dataSource = market.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("INSERT INTO idempotency_keys (scope, key, fingerprint, attempt, locked_until) VALUES ('bank', 'stale', 'f', 2, now())");

        Exception refused;
        try
        {
            Grains.Common.IdempotencyContext.Set(new Grains.Common.IdempotentAttempt("bank", "stale", 1));
            refused = await Assert.ThrowsAnyAsync<Exception>(() =>
                market.Grains.GetGrain<Grains.Pledges.IPledgeDealGrain>(cast.Id).Repay("rep_stale", new Grains.Common.Money(10_000_00, "CNY")));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.True(refused is Grains.Common.SupersededAttemptException || refused.InnerException is Grains.Common.SupersededAttemptException, refused.ToString());
        Assert.Equal(-1_000_000_00, await market.Factory.Services.Balance(LedgerAccounts.LoanPrincipal(cast.Id)));
        var deal = await (await market.Client(cast.Bank).GetAsync(cast.Url)).ShouldBe(200);
        Assert.Equal(1_000_000_00, deal.Fen("outstandingPrincipal"));
    }
}
