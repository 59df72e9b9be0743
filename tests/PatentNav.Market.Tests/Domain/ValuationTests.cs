using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Tests.Domain;

public class ValuationTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Valuation V(string id, string effective, long amount = 1_000_000_00, int recordedMinutes = 0) =>
        new(id, new Money(amount, "CNY"), ValuationMethod.Income, "appraiser-1", DateOnly.Parse(effective),
            "RPT-" + id, null, T0.AddMinutes(recordedMinutes));

    [Fact]
    public void Nothing_is_in_effect_before_the_first_valuation()
    {
        var history = new[] { V("a", "2024-03-01"), V("b", "2024-09-01") };

        Assert.Null(Valuation.InEffect(history, DateOnly.Parse("2024-02-29")));
        Assert.Null(Valuation.InEffect([], DateOnly.Parse("2024-02-29")));
    }

    [Theory]
    [InlineData("2024-03-01", "a")]
    [InlineData("2024-08-31", "a")]
    [InlineData("2024-09-01", "b")]
    [InlineData("2030-01-01", "b")]
    public void The_latest_effective_date_not_after_the_day_applies(string day, string expected)
    {
        var history = new[] { V("a", "2024-03-01"), V("b", "2024-09-01") };

        Assert.Equal(expected, Valuation.InEffect(history, DateOnly.Parse(day))!.Id);
    }

    [Fact]
    public void Recording_order_does_not_matter_for_different_effective_dates()
    {
        // A back-dated appraisal recorded later must not displace a newer one.
        var history = new[] { V("new", "2024-09-01", recordedMinutes: 1), V("backdated", "2024-03-01", recordedMinutes: 2) };

        Assert.Equal("new", Valuation.InEffect(history, DateOnly.Parse("2024-10-01"))!.Id);
        Assert.Equal("backdated", Valuation.InEffect(history, DateOnly.Parse("2024-05-01"))!.Id);
    }

    [Fact]
    public void Later_record_wins_a_tie_on_effective_date()
    {
        var history = new[]
        {
            V("first", "2024-06-01", 100, recordedMinutes: 1),
            V("correction", "2024-06-01", 200, recordedMinutes: 2),
        };

        var inEffect = Valuation.InEffect(history, DateOnly.Parse("2024-06-01"))!;
        Assert.Equal("correction", inEffect.Id);
        Assert.Equal(200, inEffect.Value.Amount);
    }

    [Theory]
    [InlineData("2024-03-15", "2025-03-15", false)] // exactly 12 months old
    [InlineData("2024-03-15", "2025-03-16", true)]
    [InlineData("2024-03-15", "2024-03-15", false)]
    [InlineData("2024-03-15", "2024-12-31", false)]
    [InlineData("2024-02-29", "2025-02-28", false)]
    [InlineData("2024-02-29", "2025-03-01", true)]
    public void Valuation_older_than_12_months_is_stale(string effective, string day, bool stale)
    {
        Assert.Equal(stale, V("a", effective).IsStaleOn(DateOnly.Parse(day)));
    }
}
