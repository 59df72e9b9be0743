using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary><c>GET /api/v1/cluster</c>: the silos in Orleans' membership table, for the admin only.</summary>
public sealed class ClusterApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task The_admin_sees_the_active_silo_and_its_activations_by_grain_type()
    {
        await app.CreateParty();
        var cluster = await (await app.Admin().GetAsync("/api/v1/cluster")).ShouldBe(200);
        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.Equal("app", silo.GetProperty("name").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+@\d+$", silo.GetProperty("address").GetString());
        Assert.True(silo.GetProperty("activations").GetProperty("PartyGrain").GetInt32() >= 1);
        Assert.True(silo.GetProperty("startedAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Nobody_but_the_admin_may_list_the_cluster()
    {
        var operatorKey = await app.NewKey("operating_center", "operator");
        await (await app.Client(operatorKey).GetAsync("/api/v1/cluster")).ShouldBeProblem(403, "forbidden");
        await (await app.ClientWith(null).GetAsync("/api/v1/cluster")).ShouldBeProblem(401, "unauthenticated");
        await (await app.ClientWith("pnm_bogus").GetAsync("/api/v1/cluster")).ShouldBeProblem(401, "unauthenticated");
    }

    [Fact]
    public async Task The_dashboard_is_for_the_admin_and_asks_browsers_for_the_token()
    {
        var anonymous = await app.ClientWith(null).GetAsync("/dashboard/");
        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        var basic = app.ClientWith(null);
        basic.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("anyone:" + MarketApp.AdminToken)));
        Assert.Equal(200, (int)(await basic.GetAsync("/dashboard/")).StatusCode);
        var operatorKey = await app.NewKey("operating_center", "operator");
        Assert.Equal(403, (int)(await app.Client(operatorKey).GetAsync("/dashboard/")).StatusCode);
    }
}
