using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Domain;

public class IpcCodeTests
{
    [Theory]
    [InlineData("H01M 10/052", "H01M 10/052")]
    [InlineData("h01m10/052", "H01M 10/052")]
    [InlineData("  H01M  10 / 052 ", "H01M 10/052")]
    [InlineData("G06F 16/3347", "G06F 16/3347")]
    [InlineData("h01m", "H01M")]
    [InlineData("H01", "H01")]
    [InlineData("a", "A")]
    public void Valid_symbols_normalize_to_subclass_space_group(string input, string canonical)
    {
        Assert.True(IpcCode.TryNormalize(input, out var result));
        Assert.Equal(canonical, result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("I01M")]         // sections are A–H
    [InlineData("H1M")]
    [InlineData("H01M10")]       // main group without subgroup
    [InlineData("H01M 10/")]
    [InlineData("H01M 10-052")]
    [InlineData("H01M 12345/01")]
    [InlineData("H01M 10/052 X")]
    public void Invalid_symbols_are_refused(string? input)
    {
        Assert.False(IpcCode.TryNormalize(input, out _));
    }

    [Theory]
    [InlineData("H\uFF10\uFF11M")]                    // full-width digits (Chinese IME)
    [InlineData("H01M \uFF11\uFF10/\uFF10\uFF15\uFF12")]
    public void Non_ascii_digits_are_refused_or_folded_to_ascii(string input)
    {
        // A symbol stored with full-width digits would never be found by a prefix search for "H01M".
        if (IpcCode.TryNormalize(input, out var canonical))
            Assert.Matches("^[A-Z0-9 /]+$", canonical);
    }

    [Fact]
    public void Compact_form_drops_spaces_and_upper_cases()
    {
        Assert.Equal("H01M10/052", IpcCode.Compact(" h01m 10/052 "));
    }

    [Fact]
    public void Prefixes_let_class_and_main_group_searches_find_the_symbol()
    {
        var prefixes = IpcCode.Prefixes("H01M 10/052").ToList();

        Assert.Equal("H", prefixes[0]);
        Assert.Contains("H01", prefixes);
        Assert.Contains("H01M", prefixes);
        Assert.Contains("H01M10", prefixes);
        Assert.Equal("H01M10/052", prefixes[^1]);
        Assert.Equal("H01M10/052".Length, prefixes.Count);
        Assert.DoesNotContain(prefixes, p => p.Contains(' '));
    }
}
