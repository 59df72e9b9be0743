using System.Text.Json;
using PatentNav.Market.Tests.Api;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.WebConsole;

/// <summary>The lists the web console reads: who am I, parties, a licensee's licences, an operator's invoices — each tenant its own.</summary>
public sealed class ConsoleListsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static string[] Ids(JsonElement page, string property = "id") =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!)];

    [Fact]
    public async Task Me_names_the_keys_party_and_roles_and_null_for_the_admin()
    {
        var licensee = await market.Admin().NewKey("company", "licensee");
        var me = await (await market.Client(licensee).GetAsync("/api/v1/me")).ShouldBe(200);
        Assert.Equal(licensee.PartyId, me.GetProperty("partyId").GetString());
        Assert.Equal(["licensee"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(licensee.PartyId, me.GetProperty("party").GetProperty("id").GetString());

        var admin = await (await market.Admin().GetAsync("/api/v1/me")).ShouldBe(200);
        Assert.Equal(JsonValueKind.Null, admin.GetProperty("partyId").ValueKind);
        await (await market.ClientWith(null).GetAsync("/api/v1/me")).ShouldBeProblem(401, "unauthenticated");
    }

    [Fact]
    public async Task Parties_page_by_cursor_for_operators_and_not_for_licensees()
    {
        var op = await market.Admin().NewKey("operating_center", "operator");
        var created = new List<string>();
        for (var i = 0; i < 3; i++) created.Add((await market.Admin().NewKey("company", "licensee")).PartyId);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await market.Client(op).GetAsync($"/api/v1/parties?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}")).ShouldBe(200);
            var ids = Ids(page);
            Assert.True(ids.Length <= 2);
            seen.AddRange(ids);
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), created.Append(op.PartyId).ToHashSet());
        // Oldest first: the three parties appear in the order they were created.
        Assert.Equal(created, seen.Where(created.Contains));

        var licensee = await market.Admin().NewKey("company", "licensee");
        await (await market.Client(licensee).GetAsync("/api/v1/parties")).ShouldBeProblem(403, "forbidden");
        await (await market.Client(op).GetAsync("/api/v1/parties?cursor=nope!")).ShouldBeProblem(400, "validation_failed", "cursor");
        await (await market.Client(op).GetAsync("/api/v1/parties?limit=0")).ShouldBeProblem(400, "validation_failed", "limit");
    }

    [Fact]
    public async Task A_licensee_lists_its_licences_and_an_operator_only_those_of_its_own_pools()
    {
        var poolA = await market.NewPool();
        var poolB = await market.NewPool();
        var licensee = await market.Admin().NewKey("company", "licensee");
        var inA = await market.Acquire(poolA, licensee);
        var inB = await market.Acquire(poolB, licensee);

        var own = await (await market.Client(licensee).GetAsync($"/api/v1/parties/{licensee.PartyId}/licences")).ShouldBe(200);
        Assert.Equal([inA, inB], Ids(own));
        Assert.Equal(poolA.Id, own.GetProperty("items")[0].GetProperty("poolId").GetString());

        var byOperatorA = await (await market.Client(poolA.Administrator).GetAsync($"/api/v1/parties/{licensee.PartyId}/licences")).ShouldBe(200);
        Assert.Equal([inA], Ids(byOperatorA));
        var paged = await (await market.Client(licensee).GetAsync($"/api/v1/parties/{licensee.PartyId}/licences?limit=1")).ShouldBe(200);
        Assert.Equal([inA], Ids(paged));
        var rest = await (await market.Client(licensee).GetAsync($"/api/v1/parties/{licensee.PartyId}/licences?limit=1&cursor={paged.GetProperty("nextCursor").GetString()}")).ShouldBe(200);
        Assert.Equal([inB], Ids(rest));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);

        var stranger = await market.Admin().NewKey("company", "licensee");
        await (await market.Client(stranger).GetAsync($"/api/v1/parties/{licensee.PartyId}/licences")).ShouldBeProblem(403, "forbidden");
        await (await market.Admin().GetAsync("/api/v1/parties/pty_0000000000000000/licences")).ShouldBeProblem(404, "party_not_found");
    }

    [Fact]
    public async Task An_operator_lists_the_unpaid_invoices_of_its_pools_and_paid_ones_on_request()
    {
        var poolA = await market.NewPool();
        var poolB = await market.NewPool();
        var (_, invoiceA) = await market.ReportedLicence(poolA);
        var (_, invoiceB) = await market.ReportedLicence(poolB);
        var idA = invoiceA.GetProperty("id").GetString()!;
        var idB = invoiceB.GetProperty("id").GetString()!;
        string[] InvoiceIds(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("invoice").GetProperty("id").GetString()!)];

        var operatorA = market.Client(poolA.Administrator);
        var open = await (await operatorA.GetAsync("/api/v1/invoices")).ShouldBe(200);
        Assert.Equal([idA], InvoiceIds(open));
        Assert.Equal(poolA.Id, open.GetProperty("items")[0].GetProperty("poolId").GetString());
        var all = InvoiceIds(await (await market.Admin().GetAsync("/api/v1/invoices?limit=100")).ShouldBe(200));
        Assert.Contains(idA, all);
        Assert.Contains(idB, all);

        await (await operatorA.Pay(idA, $"E2E-{Guid.NewGuid():N}"[..20], invoiceA.Amount())).ShouldBe(201);
        Assert.Empty(InvoiceIds(await (await operatorA.GetAsync("/api/v1/invoices")).ShouldBe(200)));
        Assert.Equal([idA], InvoiceIds(await (await operatorA.GetAsync("/api/v1/invoices?status=paid")).ShouldBe(200)));
        await (await operatorA.GetAsync("/api/v1/invoices?status=settled")).ShouldBeProblem(400, "validation_failed", "status");
        var licensee = await market.Admin().NewKey("company", "licensee");
        await (await market.Client(licensee).GetAsync("/api/v1/invoices")).ShouldBeProblem(403, "forbidden");
    }
}
