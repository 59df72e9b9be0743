using Dapper;
using Npgsql;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// The catalogue's stored <c>effective_status</c> (migration 0016) across a patent's last day in force, its expiry day
/// and a lapse: what a search by status answers and what the row holds (one test: the clock only moves forward). The market's clock starts on 2030-01-02.
/// </summary>
public sealed class CatalogueExpiryApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private async Task<string> Stored(string number)
    {
        await using var connection = new NpgsqlConnection(market.ConnectionString);
        return await connection.ExecuteScalarAsync<string>("SELECT effective_status FROM patent_catalogue WHERE number = @number", new { number }) ?? "(no row)";
    }

    private async Task Store(string number, string status)
    {
        await using var connection = new NpgsqlConnection(market.ConnectionString);
        await connection.ExecuteAsync("UPDATE patent_catalogue SET effective_status = @status WHERE number = @number", new { number, status });
    }

    [Fact]
    public async Task A_patent_is_granted_through_its_last_day_in_force_and_expired_from_its_expiry_day_and_a_lapse_shows_at_once()
    {
        var admin = market.Admin();
        var owner = (await admin.NewKey("company", "licensor")).PartyId;
        // A utility model filed on 2020-01-06: ten years, so in force through 2030-01-05 and expired from 2030-01-06.
        var utility = ApiSteps.NewNumber('2');
        await admin.RegisterPatent(ApiSteps.PatentBody(utility, owner, filingDate: "2020-01-06", grantDate: "2020-09-01"));
        // An invention filed in 2022, in force until 2042: it lapses (annuity unpaid) from 2030-01-03.
        var invention = ApiSteps.NewNumber('1');
        await admin.RegisterPatent(ApiSteps.PatentBody(invention, owner, filingDate: "2022-03-02", grantDate: "2023-05-10"));

        market.Clock.SetToday(new DateOnly(2030, 1, 5)); // the utility model's last day in force
        Assert.Equal([invention, utility], await admin.SearchNumbers($"owner={owner}&status=granted")); // number order: type digit 1 before 2
        Assert.Equal([utility], await admin.SearchNumbers($"owner={owner}&type=utility_model&status=granted"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&status=expired"));
        Assert.Equal("granted", await Stored(utility));

        await (await admin.PostJson($"/api/v1/patents/{invention}/end-of-force", new { status = "lapsed", date = "2030-01-03" })).ShouldBe(200);
        Assert.Equal("lapsed", await Stored(invention)); // written with the patent's state, in its transaction
        Assert.Equal([invention], await admin.SearchNumbers($"owner={owner}&status=lapsed"));
        Assert.Equal([utility], await admin.SearchNumbers($"owner={owner}&status=granted"));

        market.Clock.SetToday(new DateOnly(2030, 1, 6)); // expiry day: no write to the patent, only the day changed
        Assert.Equal([utility], await admin.SearchNumbers($"owner={owner}&status=expired"));
        Assert.Equal([utility], await admin.SearchNumbers($"owner={owner}&type=utility_model&status=expired"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&status=granted"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&type=utility_model&status=granted"));
        Assert.Equal([invention], await admin.SearchNumbers($"owner={owner}&status=lapsed"));
        Assert.Equal("expired", await Stored(utility)); // the day's sweep, before the first search of the day
        Assert.Equal("lapsed", await Stored(invention));
        var entry = (await admin.SearchPage($"owner={owner}&type=utility_model")).GetProperty("items")[0];
        Assert.Equal("expired", entry.GetProperty("status").GetString());

        // A row left stored in force after its expiry day (as a writer one day behind, another silo just before
        // midnight, would leave it) after today's sweep ran: the search is exact without another sweep.
        await Store(utility, "granted");
        Assert.Equal([utility], await admin.SearchNumbers($"owner={owner}&status=expired"));
        Assert.Equal([utility], await admin.SearchNumbers($"owner={owner}&type=utility_model&status=expired"));
        Assert.Empty(await admin.SearchNumbers($"owner={owner}&status=granted"));
        Assert.Equal("granted", await Stored(utility)); // not swept again today
    }
}
