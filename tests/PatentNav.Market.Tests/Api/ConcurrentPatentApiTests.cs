using System.Net;
using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Many clients reading and valuing one patent at once. Orleans copies what crosses a grain boundary,
/// so a response is never serialized from state another call is changing: every answer is whole JSON.
/// </summary>
public sealed class ConcurrentPatentApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    [Fact]
    public async Task Concurrent_reads_and_valuations_of_one_patent_all_answer_whole_json_and_none_is_lost()
    {
        var admin = app.Admin();
        var owner = await app.CreateParty();
        var number = ApiSteps.NewNumber();
        await admin.RegisterPatent(number, owner);
        const int Clients = 16, Rounds = 15;

        async Task<int> Client(int c)
        {
            var client = app.Admin();
            var adds = 0;
            for (var r = 0; r < Rounds; r++)
            {
                var response = r % 3 == 0
                    ? await client.PostJson($"/api/v1/patents/{number}/valuations",
                        new { value = new { amount = 1_000 + c * 100 + r, currency = "CNY" }, method = "income", effectiveDate = "2024-01-01" })
                    : await client.GetAsync($"/api/v1/patents/{number}");
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
                using var json = JsonDocument.Parse(text); // throws on a truncated or garbled body
                if (response.StatusCode == HttpStatusCode.Created) adds++;
                else Assert.Equal(number, json.RootElement.GetProperty("number").GetString());
            }
            return adds;
        }

        var added = (await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => Client(c))))).Sum();
        var patent = await admin.GetPatent(number);
        Assert.Equal(added, patent.GetProperty("valuations").GetArrayLength());
        Assert.Equal(1 + added, patent.GetProperty("version").GetInt64());
    }
}
