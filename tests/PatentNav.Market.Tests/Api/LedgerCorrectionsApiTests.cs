using System.Text.Json;
using PatentNav.Market.Grains.Ledger;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// §9 corrections are reversing entries: a mistaken offline payment is reversed with a reason, the invoice reopens, both
/// postings stay. And the trial balance: every account, Σ per currency = 0.
/// </summary>
public sealed class LedgerCorrectionsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private static Task<HttpResponseMessage> Reverse(HttpClient client, string invoiceId, string? reason, string? key = null) =>
        client.PostWithKey($"/api/v1/invoices/{invoiceId}/payment-reversals", new { reason }, key ?? Guid.NewGuid().ToString());

    [Fact]
    public async Task A_mistaken_offline_payment_is_reversed_the_invoice_reopens_and_nothing_is_deleted()
    {
        var admin = market.Admin();
        var pool = await market.NewPool();
        var op = market.Client(pool.Administrator);
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var (_, other) = await market.ReportedLicence(pool, units: 1_000_000);
        var id = invoice.Id();
        var collections = LedgerAccounts.PoolCollections(pool.Id, invoice.GetProperty("period").GetString()!);
        await (await op.Pay(id, "BANK-MISTAKE-0001", invoice.Amount())).ShouldBe(201);

        await (await Reverse(op, id, " ")).ShouldBeProblem(400, "required", "reason");
        await (await op.PostJson($"/api/v1/invoices/{id}/payment-reversals", new { reason = "wrong invoice" })).ShouldBeProblem(400, "idempotency_key_required");
        await (await Reverse(market.Client(await admin.NewKey("company", "licensee")), id, "wrong invoice")).ShouldBeProblem(403, "forbidden");
        await (await Reverse(op, "inv_0000000000000000_00000000", "wrong invoice")).ShouldBeProblem(404, "invoice_not_found");
        await (await Reverse(op, other.Id(), "wrong invoice")).ShouldBeProblem(409, "invoice_not_paid");

        var reopened = await (await Reverse(op, id, "the transfer was for the other invoice", key: "reverse-1")).ShouldBe(200);
        Assert.Equal(("open", JsonValueKind.Null, JsonValueKind.Null), (reopened.GetProperty("status").GetString(),
            reopened.GetProperty("paidOn").ValueKind, reopened.GetProperty("paymentReference").ValueKind));
        var reversal = Assert.Single(reopened.GetProperty("reversals").EnumerateArray());
        Assert.Equal(("BANK-MISTAKE-0001", $"pay:{id}", $"reverse:pay:{id}", "the transfer was for the other invoice"),
            (reversal.GetProperty("reference").GetString(), reversal.GetProperty("paymentPostingId").GetString(),
                reversal.GetProperty("reversalPostingId").GetString(), reversal.GetProperty("reason").GetString()));
        Assert.Equal(reopened.GetRawText(), (await (await Reverse(op, id, "the transfer was for the other invoice", key: "reverse-1")).ShouldBe(200)).GetRawText());
        await (await Reverse(op, id, "again")).ShouldBeProblem(409, "invoice_not_paid");

        // Both postings stay; the collections hold nothing of it; the journal of the licence shows the reversal.
        Assert.Equal([$"pay:{id}", $"reverse:pay:{id}"], (await market.Entries(collections)).Select(e => e.PostingId).Where(p => p.Contains(id)).Order(StringComparer.Ordinal));
        Assert.Equal(0, await market.Balance(collections));
        Assert.Equal(1, await market.Journaled(licenceId, "ReversePayment"));

        // The freed reference settles the invoice it was for; the reopened one is paid again under a new posting id.
        await (await op.Pay(other.Id(), "BANK-MISTAKE-0001", other.Amount())).ShouldBe(201);
        var repaid = await (await op.Pay(id, "BANK-RIGHT-0001", invoice.Amount())).ShouldBe(201);
        Assert.Equal("paid", repaid.GetProperty("status").GetString());
        Assert.Contains($"pay:{id}:1", (await market.Entries(collections)).Select(e => e.PostingId));
        Assert.Equal(invoice.Amount() + other.Amount(), await market.Balance(collections));

        // Once the quarter's cash is distributed, the payment can no longer be taken back from it.
        var (owner, _) = await market.MemberWithPatent(pool, 1_000_000);
        var quarter = LicenceSteps.Quarter(market.Clock.Today);
        market.Clock.SetToday(quarter.LastDay.AddDays(2));
        await (await op.RunDistribution(pool, quarter.FirstDay, quarter.LastDay.AddDays(1))).ShouldBe(201);
        await (await Reverse(op, id, "too late")).ShouldBeProblem(409, "payment_distributed");
        Assert.True(await market.Balance(owner.Payable()) > 0);
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task The_trial_balance_lists_every_account_and_sums_to_zero_per_currency_for_the_admin_only()
    {
        var pool = await market.NewPool();
        var (_, invoice) = await market.ReportedLicence(pool);
        await (await market.Admin().Pay(invoice.Id(), $"BANK-TB-{Guid.NewGuid():N}"[..20], invoice.Amount())).ShouldBe(201);

        var trial = await (await market.Admin().GetAsync("/api/v1/ledger/trial-balance")).ShouldBe(200);

        Assert.True(trial.GetProperty("balanced").GetBoolean());
        var accounts = trial.GetProperty("accounts").EnumerateArray().ToList();
        var collections = accounts.Single(a => a.GetProperty("account").GetString() == LedgerAccounts.PoolCollections(pool.Id, invoice.GetProperty("period").GetString()!));
        Assert.Equal(invoice.Amount(), collections.GetProperty("balances")[0].GetProperty("amount").GetInt64());
        Assert.True(accounts.Single(a => a.GetProperty("account").GetString() == LedgerAccounts.Clearing("offline")).GetProperty("balances")
            .EnumerateArray().Single(b => b.GetProperty("currency").GetString() == "USD").GetProperty("amount").GetInt64() < 0);
        // The totals are the accounts' sums, and zero.
        var sums = accounts.SelectMany(a => a.GetProperty("balances").EnumerateArray())
            .GroupBy(b => b.GetProperty("currency").GetString()!).ToDictionary(g => g.Key, g => g.Sum(b => b.GetProperty("amount").GetInt64()));
        Assert.NotEmpty(sums);
        Assert.All(trial.GetProperty("totals").EnumerateArray(), t => Assert.Equal((sums[t.GetProperty("currency").GetString()!], 0L),
            (t.GetProperty("amount").GetInt64(), t.GetProperty("amount").GetInt64())));
        var names = accounts.Select(a => a.GetProperty("account").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        await (await market.Client(pool.Administrator).GetAsync("/api/v1/ledger/trial-balance")).ShouldBeProblem(403, "forbidden");
    }
}
