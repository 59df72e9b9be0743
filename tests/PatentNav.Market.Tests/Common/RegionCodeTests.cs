using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Tests.Common;

/// <summary>GB/T 2260 division codes: six digits, a known province, levels that nest.</summary>
public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("330000", RegionLevel.Province)]
    [InlineData("330100", RegionLevel.Prefecture)]
    [InlineData("330106", RegionLevel.County)]
    [InlineData("110000", RegionLevel.Province)]
    [InlineData("820000", RegionLevel.Province)]
    public void Well_formed_codes_parse_with_their_level(string text, RegionLevel level)
    {
        var code = RegionCode.Parse(text, "region");
        Assert.Equal(text, code.Value);
        Assert.Equal(level, code.Level);
    }

    [Theory]
    [InlineData("")]
    [InlineData("33010")]
    [InlineData("3301000")]
    [InlineData("33010X")]
    [InlineData("990100")] // no province 99
    [InlineData("000000")]
    [InlineData("330006")] // a county without its prefecture
    [InlineData("３３０１００")] // full-width digits
    public void Malformed_codes_are_refused_naming_the_field(string text)
    {
        var e = Assert.Throws<DomainException>(() => RegionCode.Parse(text, "region"));
        Assert.Equal("invalid_region", e.Code);
        Assert.Equal("region", e.Field);
        Assert.Equal(ErrorKind.Invalid, e.Kind);
    }

    [Theory]
    [InlineData("330000", "330106", true)]
    [InlineData("330000", "330100", true)]
    [InlineData("330100", "330106", true)]
    [InlineData("330100", "330200", false)]
    [InlineData("330106", "330106", true)]
    [InlineData("330106", "330100", false)]
    [InlineData("330000", "320100", false)]
    public void A_division_contains_what_lies_inside_it(string outer, string inner, bool contains) =>
        Assert.Equal(contains, RegionCode.Parse(outer, "a").Contains(RegionCode.Parse(inner, "b")));

    [Fact]
    public void The_province_of_a_county_is_its_first_two_digits() =>
        Assert.Equal("330000", RegionCode.Parse("330106", "region").Province.Value);
}
