using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using PatentNav.Market.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Market.Grains.Queries;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary>
/// The market (<see cref="MarketApp"/>: own PostgreSQL database) with Stripe configured against a
/// <see cref="FakeStripe"/> on loopback (Stripe.net's own retry delays: 0.5 s, 1 s, 2 s).
/// </summary>
public sealed class StripeMarket : IAsyncLifetime
{
    public const string SecretKey = "sk_test_fake_51PnmMarket0123456789";
    public const string WebhookSecret = "whsec_test_fake_0123456789abcdef";

    private readonly MarketApp _app = new();

    public FakeStripe Stripe { get; private set; } = null!;

    /// <summary>The market's clock: real time, moved ahead by <see cref="ShiftedClock.Shift"/> (e.g. past the payouts' 23 h window).</summary>
    public ShiftedClock Clock { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    public ILedgerQueries Ledger => Factory.Services.GetRequiredService<ILedgerQueries>();

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync(SecretKey);
        await _app.InitializeAsync();
        Factory = _app.WithWebHostBuilder(b => b
            .UseSetting("Market:Stripe:SecretKey", SecretKey)
            .UseSetting("Market:Stripe:WebhookSecret", WebhookSecret)
            .UseSetting("Market:Stripe:BaseUrl", Stripe.BaseUrl)
            .ConfigureTestServices(services => services.AddSingleton(new MarketClock(Clock))));
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _app.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    public HttpClient ClientWith(string? token) => Factory.ClientWith(token);

    public HttpClient Admin() => ClientWith(MarketApp.AdminToken);

    public HttpClient Client(IssuedKey key) => ClientWith(key.Token);

    /// <summary>Posts <paramref name="json"/> to the webhook, signed as Stripe would at <paramref name="timestamp"/> (default now).</summary>
    public Task<HttpResponseMessage> Deliver(string json, long? timestamp = null, string secret = WebhookSecret) =>
        DeliverSigned(json, StripeSigning.Header(timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(), json, secret));

    public Task<HttpResponseMessage> DeliverSigned(string json, string? signatureHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (signatureHeader is not null) request.Headers.Add("Stripe-Signature", signatureHeader);
        return Factory.CreateClient().SendAsync(request);
    }

    /// <summary>A Stripe event about a PaymentIntent, shaped as Stripe's reference shows it.</summary>
    public static string PaymentIntentEvent(string type, string paymentIntentId, string invoiceId, long amount, string currency, string? eventId = null) =>
        PaymentIntentEvent(type, paymentIntentId, new Dictionary<string, string> { ["invoice_id"] = invoiceId }, amount, currency, eventId);

    /// <summary>The same for an intent with any <paramref name="metadata"/> (<c>transfer_id</c> for a transfer's price).</summary>
    public static string PaymentIntentEvent(string type, string paymentIntentId, IReadOnlyDictionary<string, string> metadata, long amount, string currency, string? eventId = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = eventId ?? "evt_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "event",
            ["api_version"] = "2025-04-30.basil",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["type"] = type,
            ["data"] = new
            {
                @object = new Dictionary<string, object?>
                {
                    ["id"] = paymentIntentId,
                    ["object"] = "payment_intent",
                    ["amount"] = amount,
                    ["amount_received"] = type == "payment_intent.succeeded" ? amount : 0,
                    ["currency"] = currency.ToLowerInvariant(),
                    ["status"] = type == "payment_intent.succeeded" ? "succeeded" : "requires_payment_method",
                    ["metadata"] = metadata,
                },
            },
        });
}

/// <summary>Real time plus an offset the test can only grow; timers stay the system's.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Shift(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
