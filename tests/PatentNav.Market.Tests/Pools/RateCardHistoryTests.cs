using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Silo.Storage;

namespace PatentNav.Market.Tests.Pools;

public class RateCardHistoryTests
{
    private static readonly DateOnly Today = PoolFixtures.Today;
    private static readonly RateCard V1 = PoolFixtures.Avc();
    private static readonly RateCard V2 = V1 with { Version = 2, EffectiveFrom = Today.AddMonths(6), EnterpriseCap = 2_000_000_000 };

    [Fact]
    public void Publishing_appends_numbered_versions_and_the_latest_effective_one_is_in_force()
    {
        var history = RateCardHistory.Publish(RateCardHistory.Publish([], V1, Today), V2, Today);

        Assert.Equal([1, 2], history.Select(c => c.Version));
        Assert.Null(RateCardHistory.InForceOn(history, Today.AddDays(-1)));
        Assert.Same(V1, RateCardHistory.InForceOn(history, Today.AddMonths(6).AddDays(-1)));
        Assert.Same(V2, RateCardHistory.InForceOn(history, Today.AddMonths(6)));
    }

    [Fact]
    public void Publishing_refuses_gaps_in_numbering_earlier_dates_past_dates_and_big_raises()
    {
        IReadOnlyList<RateCard> history = [V1];
        var gap = Assert.Throws<DomainException>(() => RateCardHistory.Publish(history, V2 with { Version = 3 }, Today));
        Assert.Equal(("version_conflict", ErrorKind.Conflict), (gap.Code, gap.Kind));

        var later = V1 with { EffectiveFrom = Today.AddDays(10) };
        var earlier = Assert.Throws<DomainException>(() => RateCardHistory.Publish([later], V2 with { EffectiveFrom = Today.AddDays(9) }, Today));
        Assert.Equal(("effective_date_before_previous", "effectiveFrom"), (earlier.Code, earlier.Field));

        var past = Assert.Throws<DomainException>(() => RateCardHistory.Publish(history, V2, V2.EffectiveFrom.AddDays(1)));
        Assert.Equal("effective_date_in_past", past.Code);

        var raise = Assert.Throws<DomainException>(() => RateCardHistory.Publish(history, V2 with { Categories = [V1.Categories[0] with { AnnualCap = null }] }, Today));
        Assert.Equal(("rate_increase_exceeds_limit", "categories[0].annualCap"), (raise.Code, raise.Field));
    }

    [Theory]
    [InlineData("2024-02-29", "2025-02-27", "2024-02-29", 0)]
    [InlineData("2024-02-29", "2025-02-28", "2025-02-28", 1)]
    [InlineData("2025-07-01", "2026-06-30", "2025-07-01", 0)]
    [InlineData("2025-07-01", "2027-07-01", "2027-07-01", 2)]
    [InlineData("2025-07-01", "2025-06-30", "2024-07-01", -1)]
    public void Licence_years_run_from_anniversary_to_anniversary(string start, string day, string yearStart, int index)
    {
        var (s, d) = (DateOnly.Parse(start), DateOnly.Parse(day));
        Assert.Equal(index, LicenceYear.Index(s, d));
        Assert.Equal(DateOnly.Parse(yearStart), LicenceYear.StartOf(s, d));
        Assert.True(LicenceYear.StartOf(s, d) <= d && d < LicenceYear.EndOf(s, d));
    }

    [Fact]
    public void Cards_and_positions_round_trip_through_the_grain_state_json()
    {
        var card = V1 with { RegionMultipliers = [new RegionMultiplier("R2", 5_000)], DeMinimis = 100, ComplianceDiscountBps = 250 };
        var position = PoolFixtures.Run(card, [new("decoder", "R2", 92_700_123, true)]).Position;

        var cardBack = (RateCard)StateJson.Deserialize(StateJson.Serialize(card), typeof(RateCard));
        var positionBack = (LicenceYearPosition)StateJson.Deserialize(StateJson.Serialize(position), typeof(LicenceYearPosition));

        Assert.Equal(JsonSerializer.Serialize(card), JsonSerializer.Serialize(cardBack));
        Assert.Equal(position.Categories.Single(), positionBack.Categories.Single());
        Assert.Equal(position.Charged, positionBack.Charged);
        Assert.Contains("\"upTo\":5000000", StateJson.Serialize(card));
    }
}
