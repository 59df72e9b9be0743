using PatentNav.Market.Grains.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>A clock the test moves; everything else about time (timers, delays) stays real.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>The market's day (China time), as <see cref="MarketClock.Today"/> sees it.</summary>
    public DateOnly Today => MarketClock.DayOf(GetUtcNow());

    /// <summary>Moves the clock to 09:00 UTC (17:00 Beijing time) of <paramref name="day"/> (never backwards, as a real clock would not).</summary>
    public void SetToday(DateOnly day) => SetUtc(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    /// <summary>Moves the clock to <paramref name="instant"/> (never backwards), e.g. just past a Beijing midnight.</summary>
    public void SetUtc(DateTimeOffset instant)
    {
        Assert.True(instant >= GetUtcNow(), $"The test clock cannot go back from {GetUtcNow():O} to {instant:O}.");
        Interlocked.Exchange(ref _ticks, instant.UtcTicks);
    }
}

/// <summary>
/// The market (<see cref="MarketApp"/>: own PostgreSQL database, fast reminder polls) with the
/// <see cref="TestClock"/> as its <see cref="MarketClock"/>, so licence years, quarters, due dates
/// and reminders can be walked through. It starts in 2030 so that every due date and reminder it
/// produces lies in the real future too.
/// </summary>
public sealed class ClockedMarket : IAsyncLifetime
{
    private readonly MarketApp _app = new();

    public TestClock Clock { get; } = new(new DateTimeOffset(2030, 1, 2, 9, 0, 0, TimeSpan.Zero));

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>The market's own database (tests that check what a request wrote read it directly).</summary>
    public string ConnectionString => _app.ConnectionString;

    public IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        Factory = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new MarketClock(Clock))));
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _app.DisposeAsync();
    }

    public HttpClient ClientWith(string? token) => Factory.ClientWith(token);

    public HttpClient Admin() => ClientWith(MarketApp.AdminToken);

    public HttpClient Client(IssuedKey key) => ClientWith(key.Token);
}
