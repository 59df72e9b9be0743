using FsCheck;
using FsCheck.Fluent;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Domain;

public class PatentNumberTests
{
    [Theory]
    [InlineData("201710601862.3", PatentType.Invention)]
    [InlineData("95115608.X", PatentType.Invention)]
    [InlineData("97101765.4", PatentType.Invention)]
    public void Domain_examples_validate(string input, PatentType type)
    {
        var number = PatentNumber.Parse(input);

        Assert.Equal(input, number.Value);
        Assert.True(number.IsChinese);
        Assert.Equal(type, number.ImpliedType);
    }

    [Theory]
    [InlineData("CN201710601862.3")]
    [InlineData("ZL201710601862.3")]
    [InlineData("zl201710601862.3")]
    [InlineData("ZL 2017 1060 1862.3")]
    [InlineData(" CN 201710601862 . 3 ")]
    [InlineData("2017106018623")]
    [InlineData("ZL2017106018623")]
    public void Prefixes_spaces_and_missing_dot_give_one_canonical_form(string input)
    {
        Assert.Equal("201710601862.3", PatentNumber.Parse(input).Value);
    }

    [Theory]
    [InlineData("95115608.x")]
    [InlineData("CN95115608X")]
    [InlineData("zl 95115608.x")]
    public void Lower_case_x_is_the_check_digit_ten(string input)
    {
        Assert.Equal("95115608.X", PatentNumber.Parse(input).Value);
    }

    [Fact]
    public void Equal_inputs_in_different_forms_are_equal_values()
    {
        Assert.Equal(PatentNumber.Parse("ZL201710601862.3"), PatentNumber.Parse("2017106018623"));
    }

    [Theory]
    [InlineData("201710601862.4", "201710601862.3")]
    [InlineData("ZL201710601862.0", "201710601862.3")]
    [InlineData("95115608.1", "95115608.X")]
    [InlineData("97101765.X", "97101765.4")]
    public void Wrong_check_digit_is_refused_naming_the_valid_number(string input, string valid)
    {
        Assert.False(PatentNumber.TryParse(input, out _, out var error));
        Assert.Contains(valid, error);

        var ex = Assert.Throws<FormatException>(() => PatentNumber.Parse(input));
        Assert.Contains(valid, ex.Message);
    }

    [Theory]
    [InlineData("201740601862")] // T = 4
    [InlineData("201700601862")] // T = 0
    [InlineData("201750601862")] // T = 5
    [InlineData("95415608")]     // old form, T = 4
    public void Type_digit_outside_1_2_3_8_9_is_refused(string digits)
    {
        var input = $"{digits}.{PatentNumber.CheckDigit(digits)}";

        Assert.False(PatentNumber.TryParse(input, out _, out var error));
        Assert.Contains("Type digit", error);
    }

    [Theory]
    [InlineData("201710000001", PatentType.Invention)]
    [InlineData("201780000001", PatentType.Invention)]
    [InlineData("201720000001", PatentType.UtilityModel)]
    [InlineData("201790000001", PatentType.UtilityModel)]
    [InlineData("201730000001", PatentType.Design)]
    [InlineData("98200001", PatentType.UtilityModel)]
    [InlineData("98300001", PatentType.Design)]
    public void Type_digit_implies_the_patent_type(string digits, PatentType expected)
    {
        var number = PatentNumber.Parse($"{digits}.{PatentNumber.CheckDigit(digits)}");

        Assert.Equal(expected, number.ImpliedType);
    }

    [Theory]
    [InlineData("US10123456B2")]
    [InlineData("EP1234567A1")]
    [InlineData("ep1234567a1")]
    [InlineData("JP2020123456A")]
    [InlineData("WO2020123456")]
    [InlineData("KR 101234567 B1")]
    public void Foreign_numbers_are_accepted_by_pattern(string input)
    {
        Assert.True(PatentNumber.TryParse(input, out var number, out var error), error);
        Assert.False(number.IsChinese);
        Assert.Null(number.ImpliedType);
        Assert.Equal(input.Replace(" ", "").ToUpperInvariant(), number.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("US")]
    [InlineData("USABC")]
    [InlineData("U10123456")]
    [InlineData("US123")]
    [InlineData("US10123456B22")]
    [InlineData("12345")]
    [InlineData("201710601862")]     // no check digit
    [InlineData("2017106018.3")]     // 10 digits
    [InlineData("201710601862.33")]  // two check characters
    [InlineData("201710601862.A")]   // check must be a digit or X
    [InlineData("CN1234567A")]       // CN prefix but not an application number
    [InlineData("ZL12345")]
    public void Garbage_is_refused_with_a_message(string? input)
    {
        Assert.False(PatentNumber.TryParse(input, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => PatentNumber.Parse(input));
    }

    // The canonical value is the patent grain's key: two spellings of one number must not
    // produce two different keys (duplicate registrations of the same patent).
    [Theory]
    [InlineData("201710601862.3\n", "201710601862.3")]
    [InlineData("US10123456B2\n", "US10123456B2")]
    [InlineData("EP1234567A1\n", "EP1234567A1")]
    public void Trailing_newline_from_a_pasted_value_never_reaches_the_canonical_form(string input, string canonical)
    {
        if (PatentNumber.TryParse(input, out var number, out _))
            Assert.Equal(canonical, number.Value);
    }

    [Theory]
    [InlineData("US\uFF11\uFF10\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16B2")] // full-width digits (Chinese IME)
    [InlineData("EP\u0661\u0662\u0663\u0664\u0665\u0666\u0667A1")]      // Arabic-Indic digits
    [InlineData("\uFF12\uFF10\uFF11\uFF17\uFF11\uFF10\uFF16\uFF10\uFF11\uFF18\uFF16\uFF12.3")]
    public void Non_ascii_digits_are_refused_or_folded_to_ascii(string input)
    {
        if (PatentNumber.TryParse(input, out var number, out _))
            Assert.Matches("^[A-Z0-9.]+$", number.Value);
    }

    private static readonly Gen<string> TwelveDigitBodies =
        from year in Gen.Choose(2003, 2099)
        from type in Gen.Elements('1', '2', '3', '8', '9')
        from serial in Gen.Choose(0, 9_999_999)
        select $"{year}{type}{serial:D7}";

    [Fact]
    public void Computed_check_digit_validates_and_every_other_check_character_is_refused()
    {
        Prop.ForAll(TwelveDigitBodies.ToArbitrary(), digits =>
        {
            var check = PatentNumber.CheckDigit(digits);
            if (!PatentNumber.TryParse($"{digits}.{check}", out var number, out _)) return false;
            if (number.Value != $"{digits}.{check}" || number.ImpliedType is null) return false;

            return "0123456789X".Where(c => c != check)
                .All(other => !PatentNumber.TryParse($"{digits}.{other}", out _, out var error)
                              && error.Contains($"{digits}.{check}"));
        }).QuickCheckThrowOnFailure();
    }
}
