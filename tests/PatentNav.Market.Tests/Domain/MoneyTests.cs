using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData("CNY", 2)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    public void Known_currencies_have_their_minor_unit_exponent(string code, int exponent)
    {
        Assert.True(Currencies.IsKnown(code));
        Assert.Equal(exponent, Currencies.MinorUnitExponent(code));
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("cny")]
    [InlineData("")]
    [InlineData("RMB")] // colloquial, not ISO 4217
    public void Unknown_currency_is_refused_naming_the_currency_field(string code)
    {
        var ex = Assert.Throws<DomainException>(() => Currencies.Require(new Money(100, code), "value"));

        Assert.Equal("unknown_currency", ex.Code);
        Assert.Equal("value.currency", ex.Field);
        Assert.Equal(ErrorKind.Invalid, ex.Kind);
    }

    [Fact]
    public void Missing_currency_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Currencies.Require(default, "value"));
        Assert.Equal("value.currency", ex.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void Zero_or_negative_amount_is_refused_by_default(long amount)
    {
        var ex = Assert.Throws<DomainException>(() => Currencies.Require(new Money(amount, "CNY"), "value"));

        Assert.Equal("invalid_amount", ex.Code);
        Assert.Equal("value.amount", ex.Field);
    }

    [Fact]
    public void Zero_is_accepted_when_allowed_but_negative_never_is()
    {
        Assert.Equal(new Money(0, "CNY"), Currencies.Require(new Money(0, "CNY"), "price", allowZero: true));

        var ex = Assert.Throws<DomainException>(() => Currencies.Require(new Money(-5, "CNY"), "price", allowZero: true));
        Assert.Equal("price.amount", ex.Field);
    }

    [Fact]
    public void Valid_money_comes_back_unchanged()
    {
        var money = new Money(123_456_78, "USD");
        Assert.Equal(money, Currencies.Require(money, "value"));
    }

    [Fact]
    public void Money_is_compared_by_amount_and_currency()
    {
        Assert.Equal(new Money(100, "CNY"), new Money(100, "CNY"));
        Assert.NotEqual(new Money(100, "CNY"), new Money(100, "USD"));
        Assert.Equal(new Money(0, "EUR"), Money.Zero("EUR"));
        Assert.Equal("100 CNY", new Money(100, "CNY").ToString());
    }
}
