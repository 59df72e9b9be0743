using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>§5 non-discrimination through REST: a report's price never depends on another category's rounding.</summary>
public sealed class PerCategoryRoundingApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task Two_licensees_reporting_the_same_sensor_units_get_the_same_invoice_whatever_else_they_reported()
    {
        var pool = await market.LensAndSensorPool("0.5"); // half a fen per unit: 3 units = 1.5 fen
        var period = LicenceSteps.Quarter(market.Clock.Today).ToString();
        var (a, aLicence) = await market.NewLicensee(pool);
        var (b, bLicence) = await market.NewLicensee(pool);

        var aLens = await (await market.Client(a).Report(aLicence, period, 3, "lens", "CN")).ShouldBe(201);
        var aSensor = await (await market.Client(a).Report(aLicence, period, 3, "sensor", "CN")).ShouldBe(201);
        var bSensor = await (await market.Client(b).Report(bLicence, period, 3, "sensor", "CN")).ShouldBe(201);
        var quote = await market.Quote(pool, "sensor", "CN", 3);

        Assert.Equal(2L, aLens.Amount()); // 1.5 → 2, half-even
        Assert.Equal(2L, bSensor.Amount());
        Assert.Equal(bSensor.Amount(), aSensor.Amount()); // was 1: the lens fraction carried into sensor
        Assert.Equal(bSensor.Amount(), quote.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(aSensor.GetProperty("report").GetProperty("rateCardVersion").GetInt32(), bSensor.GetProperty("report").GetProperty("rateCardVersion").GetInt32());
    }
}
