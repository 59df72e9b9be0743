using PatentNav.Market.ClientApi.Contracts;
using PatentNav.Market.ClientApi.Errors;
using PatentNav.Market.Grains.Pools;

namespace PatentNav.Market.Tests.Pools;

public class RateCardWireTests
{
    [Theory]
    [InlineData("20", 200_000)]
    [InlineData("10", 100_000)]
    [InlineData("0", 0)]
    [InlineData("0.0125", 125)]
    [InlineData("12.5", 125_000)]
    [InlineData("99999999999999.9999", 999_999_999_999_999_999)]
    public void Rates_are_decimal_strings_of_minor_units_per_unit(string text, long rate)
    {
        var errors = new FieldErrors();
        Assert.Equal(rate, RateCardWire.TryParseRate(text, "r", errors));
        Assert.False(errors.Any);
        Assert.Equal(text, RateCardWire.FormatRate(rate));
    }

    [Theory]
    [InlineData("0.00001")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData(" 20")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("100000000000000")]
    [InlineData("２０")]
    public void Malformed_rates_are_reported_on_their_field(string text)
    {
        var errors = new FieldErrors();
        Assert.Null(RateCardWire.TryParseRate(text, "categories[0].tiers[1].ratePerUnit", errors));
        Assert.True(errors.ToDictionary().ContainsKey("categories[0].tiers[1].ratePerUnit"));
    }

    [Fact]
    public void A_card_round_trips_through_the_wire_format()
    {
        var card = PoolFixtures.Avc() with { RegionMultipliers = [new RegionMultiplier("R2", 5_000)], ComplianceDiscountBps = 1_000, DeMinimis = 500 };
        var errors = new FieldErrors();
        var back = RateCardWire.ToDomain(RateCardWire.FromDomain(card), errors)!;
        Assert.False(errors.Any);
        Assert.Equal(card.Categories[0].Tiers, back.Categories[0].Tiers);
        Assert.Equal((card.Version, card.Currency, card.EffectiveFrom, card.Categories[0].AnnualCap, card.DeMinimis, card.ComplianceDiscountBps),
            (back.Version, back.Currency, back.EffectiveFrom, back.Categories[0].AnnualCap, back.DeMinimis, back.ComplianceDiscountBps));
        Assert.Equal(card.RegionMultipliers, back.RegionMultipliers);
    }

    [Fact]
    public void Missing_fields_are_all_reported_by_path()
    {
        var errors = new FieldErrors();
        var body = new RateCardBody(null, null, null, [new CategoryRatesBody(null, [new TierBody(null, null)], null)], null, null,
            [new RegionMultiplierBody(null, 5_000)], null);
        Assert.Null(RateCardWire.ToDomain(body, errors));
        Assert.Equal(["version", "currency", "effectiveFrom", "categories[0].code", "categories[0].tiers[0].ratePerUnit", "regionMultipliers[0].region"],
            errors.ToDictionary().Keys);
    }

    [Fact]
    public void Domain_fields_of_tier_rates_are_renamed_to_the_wire_name()
    {
        var ex = RateCardWire.ToWire(Grains.Common.DomainException.Unprocessable("rate_increase_exceeds_limit", "m", "categories[1].tiers[0].rate"));
        Assert.Equal(("rate_increase_exceeds_limit", "categories[1].tiers[0].ratePerUnit"), (ex.Code, ex.Field));
        var other = Grains.Common.DomainException.Invalid("invalid_bps", "complianceDiscountBps", "m");
        Assert.Same(other, RateCardWire.ToWire(other));
    }
}
