using PatentNav.Market.ClientApi.Webhooks;

namespace PatentNav.Market.Tests.Payments;

/// <summary>
/// <see cref="StripeEvent.Construct"/> (Stripe.net's <c>EventUtility.ConstructEvent</c>): HMAC-SHA256 over
/// "{t}.{raw body}", any matching v1, 300 s tolerance on our clock, then the event's fields.
/// </summary>
public class StripeWebhookSignatureTests
{
    private const string Secret = "whsec_test_signature_0123456789";
    private static readonly DateTimeOffset Now = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Body = StripeMarket.PaymentIntentEvent("payment_intent.succeeded", "pi_1", "inv_0123456789abcdef_01234567", 1_250_000, "cny", "evt_1");
    private static long T => Now.ToUnixTimeSeconds();

    private static (StripeEvent? Event, string? Code, string? Detail) Construct(string? header, string? body = null) =>
        StripeEvent.Construct(body ?? Body, header, Secret, Now);

    private static void Refused(string? header, string? body = null)
    {
        var (stripeEvent, code, detail) = Construct(header, body);
        Assert.Null(stripeEvent);
        Assert.Equal("invalid_signature", code);
        Assert.False(string.IsNullOrEmpty(detail));
    }

    [Fact]
    public void A_signed_payment_intent_event_is_accepted_and_read()
    {
        var (stripeEvent, code, _) = Construct(StripeSigning.Header(T, Body, Secret));

        Assert.Null(code);
        Assert.Equal(("evt_1", "payment_intent.succeeded", true), (stripeEvent!.Id, stripeEvent.Type, stripeEvent.IsPaymentIntentEvent));
        var notice = stripeEvent.Notice;
        Assert.Equal(("pi_1", "inv_0123456789abcdef_01234567", null), (notice.PaymentIntentId, notice.InvoiceId, notice.TransferId));
        Assert.Equal(new Grains.Common.Money(1_250_000, "CNY"), notice.AmountReceived);
        Assert.True(notice.Created > Now.AddYears(-10) && notice.Created.Offset == TimeSpan.Zero);
    }

    [Fact]
    public void An_event_of_an_older_API_version_than_Stripe_nets_is_still_accepted()
    {
        var old = Body.Replace("\"2025-04-30.basil\"", "\"2019-02-19\"");
        Assert.NotEqual(Body, old);

        Assert.NotNull(Construct(StripeSigning.Header(T, old, Secret), old).Event);
    }

    [Fact]
    public void A_tampered_body_does_not_match() =>
        Refused(StripeSigning.Header(T, Body, Secret), Body.Replace("\"cny\"", "\"usd\""));

    [Fact]
    public void A_signature_made_with_another_secret_does_not_match() =>
        Refused(StripeSigning.Header(T, Body, "whsec_someone_else"));

    [Fact]
    public void A_changed_timestamp_breaks_the_signature() =>
        Refused($"t={T + 1},v1={StripeSigning.V1(T, Body, Secret)}");

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void A_correctly_signed_delivery_more_than_300_seconds_from_now_is_refused(int offset) =>
        Refused(StripeSigning.Header(T + offset, Body, Secret));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Exactly_300_seconds_is_still_within_tolerance(int offset) =>
        Assert.NotNull(Construct(StripeSigning.Header(T + offset, Body, Secret)).Event);

    [Fact]
    public void Any_one_of_several_v1_signatures_may_match_and_other_schemes_are_ignored()
    {
        var rolled = StripeSigning.V1(T, Body, "whsec_rolled_secret");
        var ours = StripeSigning.V1(T, Body, Secret);

        Assert.NotNull(Construct($"t={T},v1={rolled},v1={ours},v0={rolled}").Event);
        Assert.NotNull(Construct($" t={T} , v1={ours} ").Event);
        Refused($"t={T},v1={rolled},v0={ours}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1904212800")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1904212800,v1=not-hex")]
    [InlineData("t=1904212800,v1=00")]
    public void A_header_without_timestamp_or_matching_v1_is_refused(string? header) => Refused(header);

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"object":"event"}""")]
    [InlineData("""{"id":"evt_1\u0000","object":"event","type":"payment_intent.succeeded"}""")]
    [InlineData("""{"id":"evt_1","object":"event","type":"payment_intent.succeeded","created":"yesterday"}""")]
    public void A_signed_body_that_is_no_event_is_malformed(string body)
    {
        var (stripeEvent, code, _) = Construct(StripeSigning.Header(T, body, Secret), body);

        Assert.Null(stripeEvent);
        Assert.Equal("malformed_json", code);
    }
}
