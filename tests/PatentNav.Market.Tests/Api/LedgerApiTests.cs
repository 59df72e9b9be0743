using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary><c>GET /api/v1/ledger/accounts/{id}</c>: the account's owner (docs/TENANCY.md) and the admin read balances and entries.</summary>
public sealed class LedgerApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    [Fact]
    public async Task An_account_shows_its_balance_and_latest_entries_newest_first_whether_its_colons_are_encoded_or_not()
    {
        var pool = await market.NewPool();
        var (_, first) = await market.ReportedLicence(pool, units: 1_000_000);
        var (_, second) = await market.ReportedLicence(pool, units: 2_000_000);
        var op = market.Client(pool.Administrator);
        await (await op.Pay(first.Id(), "BANK-LEDGER-1", first.Amount())).ShouldBe(201);
        await (await op.Pay(second.Id(), "BANK-LEDGER-2", second.Amount())).ShouldBe(201);
        var period = first.GetProperty("period").GetString()!;
        var account = $"pool:{pool.Id}:collections:{period}";

        var statement = await op.Account(account);
        Assert.Equal(account, statement.GetProperty("account").GetString());
        Assert.Equal(first.Amount() + second.Amount(), statement.Balance());
        Assert.Equal([$"pay:{second.Id()}", $"pay:{first.Id()}"], statement.PostingIds());
        var entry = statement.GetProperty("entries")[0];
        Assert.Equal((second.Amount(), "USD"), (entry.GetProperty("amount").GetProperty("amount").GetInt64(), entry.GetProperty("amount").GetProperty("currency").GetString()));
        Assert.Contains(second.Id(), entry.GetProperty("memo").GetString());
        Assert.True(entry.TryGetProperty("postedAt", out _));

        var encoded = await (await op.GetAsync($"/api/v1/ledger/accounts/{Uri.EscapeDataString(account)}?limit=1")).ShouldBe(200);
        Assert.Equal(account, encoded.GetProperty("account").GetString());
        Assert.Equal([$"pay:{second.Id()}"], encoded.PostingIds());
        Assert.Equal(statement.Balance(), encoded.Balance()); // the balance is of the whole account, not of the entries shown
        Assert.Equal(-(first.Amount() + second.Amount()), (await market.Admin().Account("clearing:offline")).Balance());
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task An_account_nobody_posted_to_is_empty()
    {
        var empty = await market.Admin().Account("licensor:pty_nobody:payable");
        Assert.Equal((0, 0), (empty.GetProperty("balances").GetArrayLength(), empty.GetProperty("entries").GetArrayLength()));
    }

    [Fact]
    public async Task Only_the_accounts_owner_reads_it_and_bad_parameters_are_named()
    {
        // The market's own accounts are the admin's; a pool's collections its administrator's, not another center's.
        var url = "/api/v1/ledger/accounts/clearing:offline";
        foreach (var role in new[] { "operator", "licensee", "licensor", "financier", "appraiser" })
            await (await market.Client(await market.Admin().NewKey("company", role)).GetAsync(url)).ShouldBeProblem(403, "forbidden");
        await (await market.ClientWith(null).GetAsync(url)).ShouldBeProblem(401, "unauthenticated");
        await (await market.Admin().GetAsync(url)).ShouldBe(200);
        var pool = await market.NewPool();
        var collections = $"/api/v1/ledger/accounts/pool:{pool.Id}:collections:2030-Q1";
        await (await market.Client(pool.Administrator).GetAsync(collections)).ShouldBe(200);
        await (await market.Client(await market.Admin().NewKey("operating_center", "operator")).GetAsync(collections)).ShouldBeProblem(403, "forbidden");
        var licensor = await market.Admin().NewKey("company", "licensor");
        await (await market.Client(licensor).GetAsync($"/api/v1/ledger/accounts/licensor:{licensor.PartyId}:payable")).ShouldBe(200);

        var admin = market.Admin();
        await (await admin.GetAsync($"{url}?limit=0")).ShouldBeProblem(400, "invalid_parameter", "limit");
        await (await admin.GetAsync($"{url}?limit=501")).ShouldBeProblem(400, "invalid_parameter", "limit");
        await (await admin.GetAsync($"{url}?limit=ten")).ShouldBeProblem(400, "invalid_parameter", "limit");
        await (await admin.GetAsync("/api/v1/ledger/accounts/bad%20account")).ShouldBeProblem(400, "invalid_parameter", "id");
        await (await admin.GetAsync($"/api/v1/ledger/accounts/{new string('a', 201)}")).ShouldBeProblem(400, "invalid_parameter", "id");
    }
}
