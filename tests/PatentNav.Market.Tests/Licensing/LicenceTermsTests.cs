using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Licensing;

public class LicenceTermsTests
{
    [Theory]
    [InlineData("20", 1_000, 20_000)] // 0.20 USD × 1 000
    [InlineData("0.0125", 40, 0)] // 0.5 ¢ rounds half-even to 0
    [InlineData("0.0125", 120, 2)] // 1.5 ¢ rounds half-even to 2
    [InlineData("0.0125", 200, 2)] // 2.5 ¢ rounds half-even to 2
    [InlineData("0", 5_000_000, 0)]
    public void A_fixed_running_royalty_is_units_times_rate_rounded_half_even_once(string cents, long units, long expected)
    {
        var terms = new LicenceTerms("USD", PerUnitRate.FromMinorUnits(decimal.Parse(cents, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new Money(expected, "USD"), terms.FlatRoyalty(units));
    }

    [Fact]
    public void An_amount_beyond_a_long_of_minor_units_is_refused_not_wrapped()
    {
        var terms = new LicenceTerms("USD", PerUnitRate.FromMinorUnits(99_999_999_999_999.9999m));
        Assert.Throws<OverflowException>(() => terms.FlatRoyalty(1_000_000_000_000));
        Assert.Equal(long.MaxValue - 1, LicenceTerms.Post(ExactAmount.FromMinorUnits(long.MaxValue - 1)));
        Assert.Throws<OverflowException>(() => LicenceTerms.Post(ExactAmount.FromMinorUnits(long.MaxValue)));
    }

    [Theory]
    [InlineData("XXX", 1L, null, null, "unknown_currency", "terms.currency")]
    [InlineData("CNY", null, null, null, "required", "terms.ratePerUnit")]
    [InlineData("CNY", -1L, null, null, "negative_rate", "terms.ratePerUnit")]
    [InlineData("CNY", null, 0L, "CNY", "invalid_amount", "terms.lumpSum.amount")]
    [InlineData("CNY", null, 100L, "USD", "currency_mismatch", "terms.lumpSum.currency")]
    [InlineData("CNY", null, 100L, "XYZ", "unknown_currency", "terms.lumpSum.currency")]
    public void Bilateral_terms_are_checked_naming_the_field(string currency, long? rate, long? lump, string? lumpCurrency, string code, string field)
    {
        var terms = new LicenceTerms(currency, rate, lump is { } a ? new Money(a, lumpCurrency!) : null);
        var refused = Assert.Throws<DomainException>(() => LicenceTerms.RequireBilateral(terms));
        Assert.Equal((code, field), (refused.Code, refused.Field));
    }

    [Fact]
    public void Bilateral_terms_never_carry_pool_fields()
    {
        var terms = LicenceTerms.RequireBilateral(new LicenceTerms("CNY", 0, new Money(1, "CNY"), "pool_x", 3, true));
        Assert.Equal((null, null, false), (terms.PoolId, terms.RateCardVersion, terms.RoyaltyFree));
    }
}
