using System.Text;
using PatentNav.Market.ClientApi.Webhooks;

namespace PatentNav.Market.Tests.Payments;

/// <summary>Stripe-Signature: HMAC-SHA256 over "{t}.{raw body}", any matching v1, 300 s tolerance.</summary>
public class StripeWebhookSignatureTests
{
    private const string Secret = "whsec_test_signature_0123456789";
    private static readonly DateTimeOffset Now = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"payment_intent.succeeded"}""");
    private static long T => Now.ToUnixTimeSeconds();

    private static SignatureCheck Verify(string? header, byte[]? body = null) =>
        StripeSignature.Verify(header, body ?? Body, Secret, Now, StripeSignature.DefaultTolerance);

    private static string V1(long t, byte[] body, string secret = Secret) => Convert.ToHexStringLower(StripeSignature.Compute(t, body, secret));

    [Fact]
    public void A_signature_over_timestamp_dot_body_with_the_secret_is_valid() =>
        Assert.Equal(SignatureCheck.Valid, Verify($"t={T},v1={V1(T, Body)}"));

    [Fact]
    public void The_signature_is_the_documented_HMAC_SHA256_of_t_dot_payload()
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{T}.{Encoding.UTF8.GetString(Body)}"));

        Assert.Equal(expected, StripeSignature.Compute(T, Body, Secret));
    }

    [Fact]
    public void A_tampered_body_does_not_match()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"payment_intent.succeeded" }""");

        Assert.Equal(SignatureCheck.Mismatch, Verify($"t={T},v1={V1(T, Body)}", tampered));
    }

    [Fact]
    public void A_signature_made_with_another_secret_does_not_match() =>
        Assert.Equal(SignatureCheck.Mismatch, Verify($"t={T},v1={V1(T, Body, "whsec_someone_else")}"));

    [Fact]
    public void A_changed_timestamp_breaks_the_signature() =>
        Assert.Equal(SignatureCheck.Mismatch, Verify($"t={T + 1},v1={V1(T, Body)}"));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void A_correctly_signed_delivery_more_than_300_seconds_from_now_is_stale(int offset)
    {
        var t = T + offset;

        Assert.Equal(SignatureCheck.Stale, Verify($"t={t},v1={V1(t, Body)}"));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Exactly_300_seconds_is_still_within_tolerance(int offset)
    {
        var t = T + offset;

        Assert.Equal(SignatureCheck.Valid, Verify($"t={t},v1={V1(t, Body)}"));
    }

    [Fact]
    public void Any_one_of_several_v1_signatures_may_match_and_other_schemes_are_ignored()
    {
        var stale = V1(T, Body, "whsec_rolled_secret");

        Assert.Equal(SignatureCheck.Valid, Verify($"t={T},v1={stale},v1={V1(T, Body)},v0={stale}"));
        Assert.Equal(SignatureCheck.Valid, Verify($" t={T} , v1={V1(T, Body)} "));
        Assert.Equal(SignatureCheck.Mismatch, Verify($"t={T},v1={stale},v0={V1(T, Body)}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1893499200")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1893499200,v1=not-hex")]
    [InlineData("t=1893499200,v1=00")]
    public void A_header_without_timestamp_or_usable_v1_is_malformed(string? header) =>
        Assert.Equal(SignatureCheck.Malformed, Verify(header));
}
