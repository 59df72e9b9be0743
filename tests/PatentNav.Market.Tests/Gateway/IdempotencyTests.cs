using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatentNav.Market.ClientApi.Errors;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Gateway;

/// <summary>The Idempotency-Key filter on a probe endpoint that counts its effects, with the PostgreSQL store.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private int _effects;

    public async Task InitializeAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IIdempotencyStore>(new PostgresIdempotencyStore(dataSource, PatentNav.Market.Grains.Common.MarketClock.System));
        _app = builder.Build();
        _app.UseMiddleware<ErrorHandlingMiddleware>();
        _app.UseIdempotencyBuffering();
        _app.MapPost("/payments", async (Payment payment) =>
        {
            if (payment.Amount <= 0) throw DomainException.Invalid("invalid_amount", "amount", "Amount must be positive.");
            await Task.Delay(200); // long enough for concurrent duplicates to overlap
            var effect = Interlocked.Increment(ref _effects);
            return TypedResults.Created($"/payments/{effect}", new { effect, payment.Amount });
        }).RequireIdempotencyKey();
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record Payment(long Amount);

    private Task<HttpResponseMessage> Post(string? key, long amount)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/payments") { Content = JsonContent.Create(new { amount }) };
        if (key is not null) request.Headers.Add(IdempotencyFilter.Header, key);
        return _app.GetTestClient().SendAsync(request);
    }

    [Fact]
    public async Task Three_concurrent_identical_requests_have_one_effect_and_identical_responses()
    {
        var responses = await Task.WhenAll(Post("k-1", 100), Post("k-1", 100), Post("k-1", 100));

        Assert.Equal(1, _effects);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.Equal(201, (int)r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Single(responses.Select(r => r.Headers.Location?.ToString()).Distinct());
    }

    [Fact]
    public async Task A_later_retry_replays_and_a_new_key_acts_again()
    {
        var first = await (await Post("k-2", 100)).Content.ReadAsStringAsync();
        var replay = await (await Post("k-2", 100)).Content.ReadAsStringAsync();
        await Post("k-3", 100);

        Assert.Equal(first, replay);
        Assert.Equal(2, _effects);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused()
    {
        await Post("k-4", 100);

        await (await Post("k-4", 999)).ShouldBeProblem(422, "idempotency_key_reused", IdempotencyFilter.Header);
        Assert.Equal(1, _effects);
    }

    [Fact]
    public async Task A_missing_or_overlong_key_is_a_400_and_nothing_happens()
    {
        await (await Post(null, 100)).ShouldBeProblem(400, "idempotency_key_required", IdempotencyFilter.Header);
        await (await Post(new string('k', 256), 100)).ShouldBeProblem(400, "idempotency_key_required", IdempotencyFilter.Header);
        Assert.Equal(0, _effects);
    }

    [Fact]
    public async Task A_refusal_is_kept_and_replayed_for_the_same_key()
    {
        await (await Post("k-5", -1)).ShouldBeProblem(400, "invalid_amount", "amount");
        await (await Post("k-5", -1)).ShouldBeProblem(400, "invalid_amount", "amount");
        Assert.Equal(0, _effects);
    }
}
