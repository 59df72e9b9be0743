using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Licence lifecycle through REST (§4, §5): notice → cure period → suspension or termination if uncured; cure;
/// surrender; expiry; what an ended licence still owes; an ended pool licence leaves the public licensee list.
/// Each test works relative to the shared clock, which only moves forward.
/// </summary>
public sealed class LicenceTerminationApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private async Task<JsonElement[]> PublicLicensees(ClockedPool pool) =>
        [.. (await (await market.ClientWith(null).GetAsync($"/api/v1/pools/{pool.Id}")).ShouldBe(200)).GetProperty("licensees").EnumerateArray()];

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object? body = null) =>
        body is null ? client.PostAsync(url, null) : client.PostJson(url, body);

    [Fact]
    public async Task A_pool_licence_is_terminated_only_after_its_cure_period_and_still_owes_what_it_owed()
    {
        var pool = await market.NewPool();
        var (licensee, id) = await market.NewLicensee(pool);
        var t0 = market.Clock.Today;
        var first = LicenceSteps.Quarter(t0);
        var open = await (await market.Client(licensee).Report(id, first.ToString(), 1_000_000)).ShouldBe(201);
        var administrator = market.Client(pool.Administrator);
        var url = $"/api/v1/licences/{id}";

        // Only the licensor side: the pool's administrator (or the admin). Others who see the licence get 403, strangers 404.
        await (await Post(market.Client(licensee), $"{url}/breach-notices", new { reason = "Q1 royalties unpaid" })).ShouldBeProblem(403, "forbidden");
        var otherOperator = await market.Admin().NewKey("operating_center", "operator");
        // Another center's operator is a stranger to this licence (docs/TENANCY.md): 404, as if it did not exist.
        await (await Post(market.Client(otherOperator), $"{url}/breach-notices", new { reason = "x" })).ShouldBeProblem(404, "licence_not_found");
        var stranger = await market.Admin().NewKey("company", "licensee");
        await (await Post(market.Client(stranger), $"{url}/terminate")).ShouldBeProblem(404, "licence_not_found");
        await (await Post(administrator, $"{url}/terminate")).ShouldBeProblem(422, "no_breach_notice");

        var noticed = await (await Post(administrator, $"{url}/breach-notices", new { reason = "Q1 royalties unpaid", curePeriodDays = 30 })).ShouldBe(201);
        var notice = Assert.Single(noticed.GetProperty("breachNotices").EnumerateArray());
        Assert.Equal(("bn_1", t0.Iso(), t0.AddDays(30).Iso()), (notice.Id(), notice.GetProperty("givenOn").GetString(), notice.GetProperty("cureBy").GetString()));
        Assert.Equal("active", noticed.GetProperty("status").GetString());

        // The cure period runs to its last day inclusive.
        await (await Post(administrator, $"{url}/terminate")).ShouldBeProblem(422, "cure_period_running");
        market.Clock.SetToday(t0.AddDays(30));
        await (await Post(administrator, $"{url}/terminate")).ShouldBeProblem(422, "cure_period_running");
        Assert.Contains(await PublicLicensees(pool), l => l.GetProperty("licenceId").GetString() == id);

        // Uncured: terminated the day after, in the next quarter.
        var t1 = first.LastDay.AddDays(40);
        market.Clock.SetToday(t1);
        var terminated = await (await Post(administrator, $"{url}/terminate")).ShouldBe(200);
        Assert.Equal("terminated", terminated.GetProperty("status").GetString());
        var ending = terminated.GetProperty("ending");
        Assert.Equal(("uncured_breach", t1.Iso(), "bn_1"), (ending.GetProperty("reason").GetString(), ending.GetProperty("on").GetString(), ending.GetProperty("noticeId").GetString()));
        Assert.Equal(terminated.GetProperty("version").GetInt64(), (await (await Post(administrator, $"{url}/terminate")).ShouldBe(200)).GetProperty("version").GetInt64());

        // Off the pool's public licensee list.
        Assert.DoesNotContain(await PublicLicensees(pool), l => l.GetProperty("licenceId").GetString() == id);

        // What it owes: the invoice issued stays payable; the quarter it ended in is still reported; later ones are not.
        await (await market.Client(pool.Administrator).Pay(open.Id(), $"TERM-{Guid.NewGuid():N}"[..20], open.Amount())).ShouldBe(201);
        var last = LicenceSteps.Quarter(t1);
        var endQuarter = await (await market.Client(licensee).Report(id, last.ToString(), 10_000)).ShouldBe(201);
        Assert.Equal("open", endQuarter.GetProperty("status").GetString());
        market.Clock.SetToday(last.LastDay.AddDays(1));
        await (await market.Client(licensee).Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), 10_000)).ShouldBeProblem(422, "licence_terminated", "period");
        Assert.Equal(2, (await market.Client(licensee).Invoices(id)).Length);

        // Nothing else changes on an ended licence.
        await (await Post(administrator, $"{url}/breach-notices", new { reason = "again" })).ShouldBeProblem(409, "licence_terminated");
        await (await Post(market.Client(licensee), $"{url}/surrender")).ShouldBeProblem(409, "licence_terminated");
    }

    [Fact]
    public async Task A_suspension_for_an_uncured_breach_ends_when_the_breach_is_cured()
    {
        var pool = await market.NewPool();
        var (licensee, id) = await market.NewLicensee(pool);
        var administrator = market.Client(pool.Administrator);
        var url = $"/api/v1/licences/{id}";
        var t0 = market.Clock.Today;

        await (await Post(administrator, $"{url}/breach-notices", new { })).ShouldBeProblem(400, "validation_failed", "reason");
        await (await Post(administrator, $"{url}/breach-notices", new { reason = "audit refused", curePeriodDays = 10 })).ShouldBeProblem(400, "invalid_cure_period", "curePeriodDays");
        var first = await (await Post(administrator, $"{url}/breach-notices", new { reason = "audit refused" })).ShouldBe(201);
        Assert.Equal(t0.AddDays(30).Iso(), first.GetProperty("breachNotices")[0].GetProperty("cureBy").GetString()); // 30 days by default
        var again = await (await Post(administrator, $"{url}/breach-notices", new { reason = "audit refused" })).ShouldBe(201);
        Assert.Equal(first.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64()); // a retry records nothing
        await (await Post(administrator, $"{url}/breach-notices", new { reason = "something else" })).ShouldBeProblem(409, "breach_notice_open");
        await (await Post(administrator, $"{url}/suspend")).ShouldBeProblem(422, "cure_period_running");

        market.Clock.SetToday(t0.AddDays(31));
        var suspended = await (await Post(administrator, $"{url}/suspend")).ShouldBe(200);
        Assert.Equal(("suspended", "bn_1"), (suspended.GetProperty("status").GetString(), suspended.GetProperty("suspension").GetProperty("noticeId").GetString()));
        // A suspended licensee still reports and owes.
        await (await market.Client(licensee).Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), 500_000)).ShouldBe(201);

        await (await Post(administrator, $"{url}/breach-notices/bn_9/cure")).ShouldBeProblem(404, "breach_notice_not_found");
        await (await Post(market.Client(licensee), $"{url}/breach-notices/bn_1/cure")).ShouldBeProblem(403, "forbidden");
        var cured = await (await Post(administrator, $"{url}/breach-notices/bn_1/cure")).ShouldBe(200);
        Assert.Equal("active", cured.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cured.GetProperty("suspension").ValueKind);
        Assert.Equal(market.Clock.Today.Iso(), cured.GetProperty("breachNotices")[0].GetProperty("curedOn").GetString());
        await (await Post(administrator, $"{url}/terminate")).ShouldBeProblem(422, "no_breach_notice");
    }

    [Fact]
    public async Task A_licensee_surrenders_a_bilateral_licence_which_then_blocks_no_later_grant()
    {
        var admin = market.Admin();
        var licensor = await admin.NewKey("company", "licensor");
        var licensee = await admin.NewKey("company", "licensee");
        var number = await admin.NewPatent(licensor.PartyId);
        var today = market.Clock.Today;
        var id = (await (await market.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee.PartyId, [number], "exclusive", start: today))).ShouldBe(201)).Id();
        var url = $"/api/v1/licences/{id}";
        await (await market.Client(licensee).Report(id, LicenceSteps.Quarter(today).ToString(), 100)).ShouldBe(201);

        // Another exclusive licence collides while it runs.
        var next = await admin.NewKey("company", "licensee");
        var later = LicenceSteps.Bilateral(next.PartyId, [number], "exclusive", start: today.AddDays(1));
        await (await market.Client(licensor).PostJson("/api/v1/licences", later)).ShouldBeProblem(409, "licence_conflict", "patents[0]");

        // The licensee alone surrenders (the licensor side terminates only for an uncured breach).
        await (await market.Client(licensor).PostAsync($"{url}/surrender", null)).ShouldBeProblem(403, "forbidden");
        var operatorKey = await admin.NewKey("operating_center", "operator");
        await (await market.Client(operatorKey).PostJson($"{url}/breach-notices", new { reason = "x" })).ShouldBeProblem(404, "licence_not_found");
        var surrendered = await (await market.Client(licensee).PostAsync($"{url}/surrender", null)).ShouldBe(200);
        Assert.Equal(("terminated", "surrender", today.Iso()), (surrendered.GetProperty("status").GetString(),
            surrendered.GetProperty("ending").GetProperty("reason").GetString(), surrendered.GetProperty("ending").GetProperty("on").GetString()));
        Assert.Equal(200, (int)(await market.Client(licensee).PostAsync($"{url}/surrender", null)).StatusCode);

        // The patent records the licence as ending today, so an exclusive licence from tomorrow is granted.
        var recorded = (await admin.GetPatent(number)).GetProperty("licences").EnumerateArray().Single(l => l.GetProperty("licenceId").GetString() == id);
        Assert.Equal(today.Iso(), recorded.GetProperty("scope").GetProperty("end").GetString());
        await (await market.Client(licensor).PostJson("/api/v1/licences", later)).ShouldBe(201);
        Assert.Single(await market.Client(licensee).Invoices(id)); // still there, still payable
    }

    [Fact]
    public async Task An_expired_licence_takes_reports_up_to_its_end_and_has_nothing_to_surrender()
    {
        var admin = market.Admin();
        var licensor = await admin.NewKey("company", "licensor");
        var licensee = await admin.NewKey("company", "licensee");
        var today = market.Clock.Today;
        var end = LicenceSteps.Quarter(today).LastDay;
        var id = (await (await market.Client(licensor).PostJson("/api/v1/licences",
            LicenceSteps.Bilateral(licensee.PartyId, [await admin.NewPatent(licensor.PartyId)], start: today, end: end))).ShouldBe(201)).Id();

        market.Clock.SetToday(end.AddDays(1));
        Assert.Equal("expired", (await market.Client(licensee).Licence(id)).GetProperty("status").GetString());
        await (await market.Client(licensee).Report(id, LicenceSteps.Quarter(end).ToString(), 10)).ShouldBe(201);
        await (await market.Client(licensee).Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), 10)).ShouldBeProblem(422, "period_outside_licence", "period");
        await (await market.Client(licensee).PostAsync($"/api/v1/licences/{id}/surrender", null)).ShouldBeProblem(409, "licence_expired");
    }
}
