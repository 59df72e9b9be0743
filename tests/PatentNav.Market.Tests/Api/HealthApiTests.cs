using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

public sealed class HealthApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task Ready_checks_the_database_and_needs_no_token()
    {
        var response = await app.ClientWith(null).GetAsync("/health/ready");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_without_token_is_401_problem()
    {
        var response = await app.ClientWith(null).GetAsync("/api/v1/patents");
        await response.ShouldBeProblem(401, "unauthenticated");
    }
}
