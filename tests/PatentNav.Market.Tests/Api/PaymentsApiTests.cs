using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Offline invoice payments through <c>POST /api/v1/invoices/{id}/payments</c>, on PostgreSQL: the
/// invoice is settled and the ledger moves the cash in one commit, or nothing happens at all.
/// </summary>
public sealed class PaymentsApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    /// <summary>The pool account an invoice's cash is booked into: the collections of its period.</summary>
    private static string Collections(ClockedPool pool, JsonElement invoice) => $"pool:{pool.Id}:collections:{invoice.GetProperty("period").GetString()}";

    [Fact]
    public async Task An_offline_payment_settles_the_invoice_and_moves_the_cash_from_clearing_into_the_pools_collections_for_its_period()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var op = market.Client(pool.Administrator);
        var amount = invoice.Amount();
        Assert.Matches($"^inv_{licenceId[4..]}_[0-9a-f]{{8}}$", invoice.Id());
        var clearingBefore = (await market.Admin().Account("clearing:offline")).Balance();

        var response = await op.Pay(invoice.Id(), " bank-2030-0001 ", amount);
        var paid = await response.ShouldBe(201);

        Assert.Equal($"/api/v1/licences/{licenceId}/invoices", response.Headers.Location?.OriginalString);
        Assert.Equal(("paid", market.Clock.Today.Iso(), "BANK-2030-0001", "offline", amount),
            (paid.GetProperty("status").GetString(), paid.GetProperty("paidOn").GetString(), paid.GetProperty("paymentReference").GetString(),
             paid.GetProperty("paymentProvider").GetString(), paid.Amount()));
        Assert.Equal("paid", (await op.Invoices(licenceId))[0].GetProperty("status").GetString());

        var collections = await op.Account(Collections(pool, invoice));
        Assert.Equal(amount, collections.Balance());
        Assert.Equal([$"pay:{invoice.Id()}"], collections.PostingIds());
        Assert.Equal(clearingBefore - amount, (await market.Admin().Account("clearing:offline")).Balance());
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_bank_reference_settles_one_invoice_only_and_a_refused_reuse_changes_nothing()
    {
        var pool = await market.NewPool();
        var (_, first) = await market.ReportedLicence(pool);
        var (secondLicence, second) = await market.ReportedLicence(pool);
        var op = market.Client(pool.Administrator);
        await (await op.Pay(first.Id(), "BANK-REUSE-1", first.Amount())).ShouldBe(201);
        var account = Collections(pool, first);
        var before = await op.Account(account);

        await (await op.Pay(second.Id(), "BANK-REUSE-1", second.Amount())).ShouldBeProblem(409, "bank_reference_used", "bankReference");
        // References are compared trimmed and case-blind: one transfer cannot pass as two.
        await (await op.Pay(second.Id(), " bank-reuse-1", second.Amount())).ShouldBeProblem(409, "bank_reference_used", "bankReference");

        Assert.Equal("open", (await op.Invoices(secondLicence))[0].GetProperty("status").GetString());
        Assert.Equal(0, await market.Journaled(secondLicence, nameof(ILicenceGrain.PayInvoice)));
        var after = await op.Account(account);
        Assert.Equal(before.Balance(), after.Balance());
        Assert.Equal(before.PostingIds(), after.PostingIds());
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_payment_of_another_amount_or_currency_is_refused_without_using_up_its_reference()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var op = market.Client(pool.Administrator);

        await (await op.Pay(invoice.Id(), "BANK-AMOUNT-1", invoice.Amount() - 1)).ShouldBeProblem(422, "amount_mismatch", "amount");
        await (await op.Pay(invoice.Id(), "BANK-AMOUNT-1", invoice.Amount(), "CNY")).ShouldBeProblem(422, "amount_mismatch", "amount");

        Assert.Equal("open", (await op.Invoices(licenceId))[0].GetProperty("status").GetString());
        Assert.Equal(0, (await op.Account(Collections(pool, invoice))).Balance());
        await (await op.Pay(invoice.Id(), "BANK-AMOUNT-1", invoice.Amount())).ShouldBe(201);
    }

    [Fact]
    public async Task Paying_a_paid_invoice_again_with_its_reference_answers_the_same_and_with_another_is_refused()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var op = market.Client(pool.Administrator);
        var first = await op.Pay(invoice.Id(), "BANK-AGAIN-1", invoice.Amount());
        await first.ShouldBe(201);

        var again = await op.Pay(invoice.Id(), "bank-again-1", invoice.Amount()); // a new idempotency key: the grain recognises the payment
        Assert.Equal(201, (int)again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        await (await op.Pay(invoice.Id(), "BANK-AGAIN-2", invoice.Amount())).ShouldBeProblem(409, "invoice_already_paid");

        Assert.Equal(1, await market.Journaled(licenceId, nameof(ILicenceGrain.PayInvoice)));
        Assert.Equal([$"pay:{invoice.Id()}"], (await op.Account(Collections(pool, invoice))).PostingIds());
    }

    [Fact]
    public async Task One_request_sent_three_times_at_once_has_one_effect_and_identical_responses()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var op = market.Client(pool.Administrator);
        var clearingBefore = (await market.Admin().Account("clearing:offline")).Balance();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => op.Pay(invoice.Id(), "BANK-ONCE-1", invoice.Amount(), key: "pay-once")));

        Assert.All(responses, r => Assert.Equal(201, (int)r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(1, await market.Journaled(licenceId, nameof(ILicenceGrain.PayInvoice)));
        Assert.Equal([$"pay:{invoice.Id()}"], (await op.Account(Collections(pool, invoice))).PostingIds());
        Assert.Equal(clearingBefore - invoice.Amount(), (await market.Admin().Account("clearing:offline")).Balance());
        // The same key with another body is a client bug, not a replay.
        await (await op.Pay(invoice.Id(), "BANK-ONCE-2", invoice.Amount(), key: "pay-once")).ShouldBeProblem(422, "idempotency_key_reused");
    }

    [Fact]
    public async Task A_bilateral_invoice_is_paid_into_the_licensors_payable()
    {
        var admin = market.Admin();
        var licensor = await admin.NewKey("company", "licensor");
        var licensee = await admin.NewKey("company", "licensee");
        var number = await admin.NewPatent(licensor.PartyId);
        var licenceId = (await (await market.Client(licensor).PostJson("/api/v1/licences", LicenceSteps.Bilateral(licensee.PartyId, [number]))).ShouldBe(201)).Id();
        var invoice = await (await market.Client(licensee).Report(licenceId, LicenceSteps.Quarter(market.Clock.Today).ToString(), 1_000)).ShouldBe(201);
        // No operating center runs a bilateral licence: an operator cannot confirm its payment, the admin does.
        var op = market.Client(await admin.NewKey("operating_center", "operator"));
        await (await op.Pay(invoice.Id(), "BANK-BILATERAL-1", 20_000, "CNY")).ShouldBeProblem(404, "invoice_not_found");
        await (await admin.Pay(invoice.Id(), "BANK-BILATERAL-1", 20_000, "CNY")).ShouldBe(201);

        var payable = await market.Client(licensor).Account($"licensor:{licensor.PartyId}:payable");
        Assert.Equal(20_000L, payable.Balance("CNY"));
        Assert.Equal([$"pay:{invoice.Id()}"], payable.PostingIds());
        await market.AssertTrialBalanceIsZero();
    }

    [Fact]
    public async Task A_licensee_who_pays_its_overdue_invoice_is_compliant_again_and_gets_the_discount_on_its_next_report()
    {
        var pool = await market.NewPool(complianceDiscountBps: 1_000);
        var licensee = await market.Admin().NewKey("company", "licensee");
        var id = await market.Acquire(pool, licensee);
        var client = market.Client(licensee);
        var op = market.Client(pool.Administrator);
        var quarter = LicenceSteps.Quarter(market.Clock.Today);

        // 100 000 units free, 900 000 at 20 ¢, 10 % off while compliant.
        var first = await (await client.Report(id, quarter.ToString(), 1_000_000)).ShouldBe(201);
        Assert.Equal((16_200_000L, true), (first.Amount(), first.Compliant()));

        market.Clock.SetToday(quarter.DueOn.AddDays(1));
        var late = await (await client.Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), 1_000_000)).ShouldBe(201);
        Assert.Equal((20_000_000L, false), (late.Amount(), late.Compliant()));
        Assert.Equal("overdue", (await op.Invoices(id))[0].GetProperty("status").GetString());

        await (await op.Pay(first.Id(), "BANK-LATE-1", first.Amount())).ShouldBe(201);

        // The next quarter: the late report's invoice is not due yet, the overdue one is paid.
        market.Clock.SetToday(LicenceSteps.Quarter(market.Clock.Today).LastDay.AddDays(1));
        var next = await (await client.Report(id, LicenceSteps.Quarter(market.Clock.Today).ToString(), 1_000_000)).ShouldBe(201);
        Assert.Equal((18_000_000L, true), (next.Amount(), next.Compliant()));
    }

    [Fact]
    public async Task A_payment_providers_webhook_pays_through_the_grain_from_its_own_clearing_account()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var payment = new InvoicePayment("stripe", "pi_3Test0001", new Money(invoice.Amount(), "USD"), market.Clock.Today);

        var paid = await market.Grains.GetGrain<ILicenceGrain>(Invoice.LicenceIdOf(invoice.Id())!).PayInvoice(invoice.Id(), payment);
        var redelivered = await market.Grains.GetGrain<ILicenceGrain>(licenceId).PayInvoice(invoice.Id(), payment);

        Assert.Equal((InvoiceStatus.Paid, "stripe", "pi_3Test0001"), (paid.Status, paid.PaymentProvider, paid.PaymentReference));
        Assert.Equal(paid, redelivered);
        var op = market.Client(pool.Administrator);
        Assert.Equal([$"pay:{invoice.Id()}"], (await market.Admin().Account("clearing:stripe")).PostingIds());
        Assert.Equal(invoice.Amount(), (await op.Account(Collections(pool, invoice))).Balance());
    }

    [Fact]
    public async Task Bad_input_names_its_fields_unknown_invoices_are_404_and_only_operators_confirm_payments()
    {
        var pool = await market.NewPool();
        var (licenceId, invoice) = await market.ReportedLicence(pool);
        var op = market.Client(pool.Administrator);
        var url = $"/api/v1/invoices/{invoice.Id()}/payments";
        Task<HttpResponseMessage> Post(object body, HttpClient? client = null) => (client ?? op).PostWithKey(url, body, Guid.NewGuid().ToString());

        var empty = await (await Post(new { })).ShouldBeProblem(400, "validation_failed", "bankReference");
        Assert.True(empty.GetProperty("errors").TryGetProperty("amount", out _));
        await (await Post(new { bankReference = "B-1", amount = new { amount = 5 } })).ShouldBeProblem(400, "validation_failed", "amount.currency");
        await (await Post(new { bankReference = new string('7', 101), amount = new { amount = 5, currency = "USD" } })).ShouldBeProblem(400, "validation_failed", "bankReference");
        await (await Post(new { bankReference = "B-1", amount = new { amount = 5, currency = "XXX" } })).ShouldBeProblem(400, "unknown_currency", "amount.currency");
        await (await Post(new { bankReference = "B-1", amount = new { amount = 0, currency = "USD" } })).ShouldBeProblem(400, "invalid_amount", "amount.amount");
        await (await Post(new { bankReference = "B-1", amount = new { amount = 5, currency = "USD" }, paidOn = "2030-01-01" })).ShouldBeProblem(400, "invalid_json", "paidOn");
        await (await op.PostJson(url, new { bankReference = "B-1", amount = new { amount = 5, currency = "USD" } })).ShouldBeProblem(400, "idempotency_key_required", "Idempotency-Key");

        var body = new { bankReference = "B-404", amount = new { amount = invoice.Amount(), currency = "USD" } };
        foreach (var unknown in new[] { "inv_nope", "inv_0123456789abcdef_01234567", $"inv_{licenceId[4..]}_00000000", licenceId })
            await (await op.PostWithKey($"/api/v1/invoices/{unknown}/payments", body, Guid.NewGuid().ToString())).ShouldBeProblem(404, "invoice_not_found");

        var licensee = market.Client(await market.Admin().NewKey("company", "licensee"));
        await (await Post(body, licensee)).ShouldBeProblem(403, "forbidden");
        await (await Post(body, market.Client(await market.Admin().NewKey("operating_center", "operator")))).ShouldBeProblem(404, "invoice_not_found"); // another center
        await (await Post(body, market.ClientWith(null))).ShouldBeProblem(401, "unauthenticated");
        Assert.Equal("open", (await op.Invoices(licenceId))[0].GetProperty("status").GetString());
    }
}
