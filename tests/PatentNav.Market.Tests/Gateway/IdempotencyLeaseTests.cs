using Npgsql;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Gateway;

/// <summary>Leases and takeovers of the PostgreSQL idempotency store, on a clock the test moves.</summary>
public sealed class IdempotencyLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private readonly TestClock _clock = new(new DateTimeOffset(2030, 1, 2, 9, 0, 0, TimeSpan.Zero));
    private PostgresIdempotencyStore _store = null!;

    public async Task InitializeAsync() =>
        _store = new PostgresIdempotencyStore(NpgsqlDataSource.Create(await TestDatabase.CreateAsync()), new MarketClock(_clock));

    public Task DisposeAsync() => Task.CompletedTask;

    private static StoredResponse Answer(string body) => new(201, "application/json", body, null);

    [Fact]
    public async Task A_claim_holds_its_key_for_the_lease_then_one_retry_takes_it_over_and_the_stale_attempt_cannot_complete()
    {
        Assert.Equal(new IdempotencyClaim(ClaimOutcome.Claimed, Attempt: 1), await _store.ClaimAsync("s", "k", "f", Lease));
        _clock.SetUtc(_clock.GetUtcNow() + Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(ClaimOutcome.InProgress, (await _store.ClaimAsync("s", "k", "f", Lease)).Outcome);

        _clock.SetUtc(_clock.GetUtcNow() + TimeSpan.FromSeconds(2));
        var takeovers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _store.ClaimAsync("s", "k", "f", Lease)));
        var winner = Assert.Single(takeovers, c => c.Outcome == ClaimOutcome.Claimed);
        Assert.Equal((2L, false), (winner.Attempt, winner.Committed));
        Assert.All(takeovers.Where(c => c != winner), c => Assert.Equal(ClaimOutcome.InProgress, c.Outcome));

        await _store.CompleteAsync("s", "k", 1, Answer("stale"));
        Assert.Equal(ClaimOutcome.InProgress, (await _store.ClaimAsync("s", "k", "f", Lease)).Outcome);
        await _store.CompleteAsync("s", "k", 2, Answer("second"));
        var replay = await _store.ClaimAsync("s", "k", "f", Lease);
        Assert.Equal((ClaimOutcome.Replay, "second"), (replay.Outcome, replay.Response!.Body));
    }

    [Fact]
    public async Task A_released_claim_is_taken_over_at_once_and_a_different_body_is_still_a_mismatch()
    {
        var first = await _store.ClaimAsync("s", "r", "f", Lease);
        await _store.ReleaseAsync("s", "r", first.Attempt);

        Assert.Equal(ClaimOutcome.Mismatch, (await _store.ClaimAsync("s", "r", "other", Lease)).Outcome);
        var retry = await _store.ClaimAsync("s", "r", "f", Lease);
        Assert.Equal((ClaimOutcome.Claimed, 2L), (retry.Outcome, retry.Attempt));
        await _store.ReleaseAsync("s", "r", first.Attempt); // the stale attempt cannot end the new lease
        Assert.Equal(ClaimOutcome.InProgress, (await _store.ClaimAsync("s", "r", "f", Lease)).Outcome);
    }
}
