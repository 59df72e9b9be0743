using PatentNav.Market.ClientApi.Apis;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Payments;

/// <summary><c>GET /api/v1/payments/config</c>: the console's card payment is on only with a publishable key and Stripe configured.</summary>
public sealed class PaymentConfigApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Theory]
    [InlineData("pk_test_51Pnm", true, "pk_test_51Pnm")]
    [InlineData(" pk_live_51Pnm ", true, "pk_live_51Pnm")]
    [InlineData("pk_test_51Pnm", false, null)]   // no secret key: every intent would be refused
    [InlineData(null, true, null)]
    [InlineData("", true, null)]
    [InlineData("sk_test_51Pnm", true, null)]    // a secret key put there by mistake never reaches a browser
    public void The_publishable_key_is_shown_only_when_cards_can_be_taken(string? configured, bool stripeConfigured, string? shown) =>
        Assert.Equal(shown, StripeApi.PublishableKeyToShow(configured, stripeConfigured));

    [Fact]
    public async Task Without_Stripe_any_key_reads_that_cards_are_off_and_anonymous_callers_are_refused()
    {
        var licensee = await app.Admin().NewKey("company", "licensee");
        var config = await (await app.Client(licensee).GetAsync("/api/v1/payments/config")).ShouldBe(200);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, config.GetProperty("stripePublishableKey").ValueKind);
        await (await app.ClientWith(null).GetAsync("/api/v1/payments/config")).ShouldBeProblem(401, "unauthenticated");
    }
}
