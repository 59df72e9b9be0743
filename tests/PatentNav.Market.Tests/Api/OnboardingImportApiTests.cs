using System.Text.Json;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>
/// Onboarding an existing pool (docs/API.md): the admin imports a year of a pool's past records with their real dates; each goes
/// through the live rules as on its own day; all or nothing; idempotent; audited. The market clock is never moved here.
/// </summary>
public sealed class OnboardingImportApiTests(ClockedMarket market) : IClassFixture<ClockedMarket>
{
    private sealed record World(TestPool Pool, string Patent, string HolderId, string LicenseeId);

    /// <summary>A pool (CNY, decoder and encoder) with no rate card yet, a member's granted patent and a licensee: the pool's history is all to import.</summary>
    private async Task<World> NewWorld()
    {
        var admin = market.Admin();
        var op = await admin.NewKey("operating_center", "operator");
        var body = PoolSteps.PoolBody(op.PartyId, currency: "CNY");
        var pool = new TestPool((await (await market.Client(op).PostJson("/api/v1/pools", body)).ShouldBe(201)).GetProperty("id").GetString()!, op);
        var holder = await admin.NewParty();
        var patent = await admin.NewPatent(holder); // granted 2023-05-10
        await (await market.Client(op).PostJson($"{pool.Url}/members", new { partyId = holder })).ShouldBe(200);
        return new World(pool, patent, holder, await admin.NewParty());
    }

    // The card: decoder 2 fen a unit up to 1 000 units a licence year, 1 fen above; encoder 5 fen; 10 % off for a compliant licensee.
    private const long DecoderUpTo = 1_000, DecoderRate1 = 2, DecoderRate2 = 1, EncoderRate = 5, DiscountBps = 1_000;

    private static long Discounted(long fen) => fen - fen * DiscountBps / 10_000;

    private static object Card(string effectiveFrom, int version = 1) => new
    {
        version, currency = "CNY", effectiveFrom,
        categories = new object[]
        {
            new { code = "decoder", tiers = new object[] { new { upTo = (long?)DecoderUpTo, ratePerUnit = $"{DecoderRate1}" }, new { upTo = (long?)null, ratePerUnit = $"{DecoderRate2}" } } },
            new { code = "encoder", tiers = new object[] { new { upTo = (long?)null, ratePerUnit = $"{EncoderRate}" } } },
        },
        complianceDiscountBps = DiscountBps,
    };

    private static Dictionary<string, object?> Rec(string kind, string date, params (string Key, object? Value)[] fields)
    {
        var record = new Dictionary<string, object?> { ["kind"] = kind, ["date"] = date };
        foreach (var (key, value) in fields) record[key] = value;
        return record;
    }

    private static object Cny(long fen) => new { amount = fen, currency = "CNY" };

    /// <summary>
    /// A year of 2029: card, admission and licence on 5 Jan; Q1 and Q2 decoder reports paid; Q3 decoder reported and left unpaid,
    /// so the Q3 encoder report filed on 1 Dec (after Q3's due date, 31 Oct) is late and priced without the compliance discount.
    /// </summary>
    private static List<Dictionary<string, object?>> Year(World w, string bank) =>
    [
        Rec("rate_card", "2029-01-05", ("rateCard", Card("2029-01-05"))),
        Rec("admission", "2029-01-05", ("number", w.Patent)),
        Rec("licence", "2029-01-05", ("licence", "L1"), ("licenseeId", w.LicenseeId)),
        Rec("royalty_report", "2029-04-10", ("licence", "L1"), ("period", "2029-Q1"), ("category", "decoder"), ("region", "CN"), ("units", 1_500L)),
        Rec("payment", "2029-04-20", ("licence", "L1"), ("period", "2029-Q1"), ("category", "decoder"), ("bankReference", $"{bank}-1"),
            ("amount", Cny(Discounted(DecoderUpTo * DecoderRate1 + 500 * DecoderRate2)))),
        Rec("royalty_report", "2029-07-10", ("licence", "L1"), ("period", "2029-Q2"), ("category", "decoder"), ("region", "CN"), ("units", 700L)),
        Rec("payment", "2029-07-20", ("licence", "L1"), ("period", "2029-Q2"), ("category", "decoder"), ("bankReference", $"{bank}-2"),
            ("amount", Cny(Discounted(700 * DecoderRate2)))),
        Rec("royalty_report", "2029-10-10", ("licence", "L1"), ("period", "2029-Q3"), ("category", "decoder"), ("region", "CN"), ("units", 100L)),
        Rec("royalty_report", "2029-12-01", ("licence", "L1"), ("period", "2029-Q3"), ("category", "encoder"), ("region", "CN"), ("units", 10L)),
    ];

    private Task<HttpResponseMessage> Import(HttpClient client, World w, object records, string? key = null) =>
        client.PostWithKey($"{w.Pool.Url}/onboarding-imports", new { records }, key ?? Guid.NewGuid().ToString());

    private static string LicenceId(JsonElement batch) => batch.GetProperty("licences")[0].GetProperty("licenceId").GetString()!;

    private async Task<JsonElement> Account(string account) =>
        await (await market.Admin().GetAsync($"/api/v1/ledger/accounts/{Uri.EscapeDataString(account)}")).ShouldBe(200);

    private static long Balance(JsonElement account) =>
        account.GetProperty("balances").EnumerateArray().Sum(b => b.GetProperty("amount").GetInt64());

    [Fact]
    public async Task A_year_with_past_dates_is_invoiced_by_the_card_as_on_each_day_and_booked_in_balanced_postings_dated_then()
    {
        var w = await NewWorld();
        var today = market.Clock.Today;
        var batch = await (await Import(market.Admin(), w, Year(w, $"CMB{Guid.NewGuid():N}"[..20]))).ShouldBe(201);
        Assert.Equal(today, market.Clock.Today); // no clock was moved

        var licenceId = LicenceId(batch);
        var invoices = await market.Admin().Invoices(licenceId);
        Assert.Equal(["2029-Q1", "2029-Q2", "2029-Q3", "2029-Q3"], invoices.Select(i => i.GetProperty("period").GetString()));
        // Tiers count through the licence year (Q2's 700 units are all above the first 1 000); Q1–Q3 decoder reports were compliant;
        // the encoder report of 1 Dec was not (Q3's decoder invoice was overdue that day) and was filed late.
        long[] expected = [Discounted(DecoderUpTo * DecoderRate1 + 500 * DecoderRate2), Discounted(700 * DecoderRate2), Discounted(100 * DecoderRate2), 10 * EncoderRate];
        Assert.Equal(expected, invoices.Select(i => i.Amount()));
        Assert.Equal(["2029-04-10", "2029-07-10", "2029-10-10", "2029-12-01"], invoices.Select(i => i.GetProperty("issuedOn").GetString()));
        Assert.Equal(["paid", "paid", "overdue", "overdue"], invoices.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(["2029-04-20", "2029-07-20"], invoices.Take(2).Select(i => i.GetProperty("paidOn").GetString()));
        Assert.Equal([true, true, true, false], invoices.Select(i => i.GetProperty("report").GetProperty("compliant").GetBoolean()));
        Assert.True(invoices[3].GetProperty("report").GetProperty("late").GetBoolean());
        Assert.False(invoices[0].GetProperty("report").GetProperty("late").GetBoolean());

        // The licence starts on its past day and locked version 1; the patent was in the pool from its admission day.
        var licence = await market.Admin().Licence(licenceId);
        Assert.Equal("2029-01-05", licence.GetProperty("scope").GetProperty("start").GetString());
        var pool = await market.Admin().GetPool(w.Pool);
        Assert.Equal("2029-01-05", pool.GetProperty("patents")[0].GetProperty("admittedOn").GetString());
        Assert.Equal("2029-01-05", pool.GetProperty("rateCards")[0].GetProperty("effectiveFrom").GetString());

        // Each payment: one balanced posting from clearing:offline into the quarter's collections, dated the day the money came.
        foreach (var (period, paidOn, amount) in new[] { ("2029-Q1", "2029-04-20", expected[0]), ("2029-Q2", "2029-07-20", expected[1]) })
        {
            var collections = await Account($"pool:{w.Pool.Id}:collections:{period}");
            Assert.Equal(amount, Balance(collections));
            var entry = Assert.Single(collections.GetProperty("entries").EnumerateArray());
            Assert.Equal(paidOn, entry.GetProperty("valueDate").GetString());
        }
        Assert.Equal(batch.GetProperty("postingIds").Strings(), invoices.Take(2).Select(i => $"pay:{i.GetProperty("id").GetString()}"));
        var clearing = await Account("clearing:offline");
        foreach (var posting in batch.GetProperty("postingIds").Strings())
            Assert.Equal(-invoices.First(i => posting.EndsWith(i.GetProperty("id").GetString()!, StringComparison.Ordinal)).Amount(),
                clearing.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("postingId").GetString() == posting).GetProperty("amount").GetProperty("amount").GetInt64());
        var trial = await (await market.Admin().GetAsync("/api/v1/ledger/trial-balance")).ShouldBe(200);
        Assert.True(trial.GetProperty("balanced").GetBoolean());
        Assert.Equal(expected.Sum(), batch.GetProperty("invoiced").GetProperty("amount").GetInt64());
        Assert.Equal(expected[0] + expected[1], batch.GetProperty("collected").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task One_bad_record_refuses_the_whole_batch_naming_it_and_nothing_is_written()
    {
        var w = await NewWorld();
        var records = Year(w, $"ICBC{Guid.NewGuid():N}"[..20]);
        records[6]["amount"] = Cny(1); // the Q2 payment: not the invoice's amount
        records[8]["units"] = -1L;     // shape: refused by the gateway first
        var shape = await (await Import(market.Admin(), w, records)).ShouldBeProblem(400, "validation_failed", "records[8].units");
        Assert.Single(shape.GetProperty("errors").EnumerateObject());

        records[8]["units"] = 10L;
        var refused = await (await Import(market.Admin(), w, records)).ShouldBeProblem(422, "invalid_records", "records[6].amount");
        Assert.StartsWith("amount_mismatch", refused.GetProperty("errors").GetProperty("records[6].amount")[0].GetString());
        Assert.Single(refused.GetProperty("errors").EnumerateObject());

        // Batch-wide rules: a future date, a record out of order, a licence no earlier record names.
        var tomorrow = market.Clock.Today.AddDays(1).Iso();
        List<Dictionary<string, object?>> disorder = [.. Year(w, "X"), Rec("royalty_report", tomorrow, ("licence", "L1"), ("period", "2029-Q4"), ("category", "decoder"), ("region", "CN"), ("units", 1L))];
        disorder[5]["date"] = "2029-04-01"; // before the payment above it
        disorder[7]["licence"] = "L2";
        var batchWide = await (await Import(market.Admin(), w, disorder)).ShouldBeProblem(422, "invalid_records");
        Assert.Equal(["records[5].date", "records[7].licence", "records[9].date"], batchWide.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.StartsWith("record_out_of_order", batchWide.GetProperty("errors").GetProperty("records[5].date")[0].GetString());
        Assert.StartsWith("date_in_future", batchWide.GetProperty("errors").GetProperty("records[9].date")[0].GetString());

        // A rule of the pool's own records (a card taking effect before the day it is published) is keyed under the record too.
        List<Dictionary<string, object?>> backdated = [Rec("rate_card", "2029-02-01", ("rateCard", Card("2029-01-05")))];
        await (await Import(market.Admin(), w, backdated)).ShouldBeProblem(422, "invalid_records", "records[0].rateCard.effectiveFrom");

        // Nothing was written: no card, no admission, no licence, no money, no claimed bank reference.
        var pool = await market.Admin().GetPool(w.Pool);
        Assert.Empty(pool.GetProperty("rateCards").EnumerateArray());
        Assert.Empty(pool.GetProperty("patents").EnumerateArray());
        Assert.Empty(pool.GetProperty("licensees").EnumerateArray());
        var licences = await (await market.Admin().GetAsync($"/api/v1/parties/{w.LicenseeId}/licences")).ShouldBe(200);
        Assert.Empty(licences.GetProperty("items").EnumerateArray());
        Assert.Equal(0, Balance(await Account($"pool:{w.Pool.Id}:collections:2029-Q1")));
        Assert.Empty((await market.Admin().GetPatent(w.Patent)).GetProperty("pools").EnumerateArray());

        // The same records, corrected, import: the refused attempts used nothing up.
        records[6]["amount"] = Cny(Discounted(700 * DecoderRate2));
        await (await Import(market.Admin(), w, records)).ShouldBe(201);
    }

    [Fact]
    public async Task Only_the_admin_imports_or_reads_a_batch()
    {
        var w = await NewWorld();
        var records = Year(w, $"BOC{Guid.NewGuid():N}"[..20]);
        await (await Import(market.Client(w.Pool.Administrator), w, records)).ShouldBeProblem(403, "forbidden");
        var licensee = await market.Admin().NewKey("company", "licensee");
        await (await Import(market.Client(licensee), w, records)).ShouldBeProblem(403, "forbidden");
        Assert.Empty((await market.Admin().GetPool(w.Pool)).GetProperty("rateCards").EnumerateArray());

        var batch = await (await Import(market.Admin(), w, records)).ShouldBe(201);
        var url = $"/api/v1/onboarding-imports/{batch.GetProperty("id").GetString()}";
        await (await market.Client(w.Pool.Administrator).GetAsync(url)).ShouldBeProblem(403, "forbidden");
        await (await market.Admin().GetAsync("/api/v1/onboarding-imports/obi_0000000000000000")).ShouldBeProblem(404, "onboarding_import_not_found");
    }

    [Fact]
    public async Task A_retry_with_the_same_key_imports_nothing_twice_and_another_key_cannot_import_the_same_history_again()
    {
        var w = await NewWorld();
        var records = Year(w, $"ABC{Guid.NewGuid():N}"[..20]);
        var key = Guid.NewGuid().ToString();
        var first = await (await Import(market.Admin(), w, records, key)).ShouldBe(201);
        var again = await (await Import(market.Admin(), w, records, key)).ShouldBe(201);
        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(LicenceId(first), LicenceId(again));

        // The same history under a new key: the live rules refuse each record that already happened.
        var twice = await (await Import(market.Admin(), w, records)).ShouldBeProblem(422, "invalid_records");
        var errors = twice.GetProperty("errors");
        Assert.StartsWith("version_conflict", errors.GetProperty("records[0].rateCard.version")[0].GetString());
        Assert.StartsWith("patent_already_pooled", errors.GetProperty("records[1].number")[0].GetString());

        var invoices = await market.Admin().Invoices(LicenceId(first));
        Assert.Equal(4, invoices.Length);
        var pool = await market.Admin().GetPool(w.Pool);
        Assert.Single(pool.GetProperty("rateCards").EnumerateArray());
        Assert.Single(pool.GetProperty("licensees").EnumerateArray());
        Assert.Equal(invoices[0].Amount(), Balance(await Account($"pool:{w.Pool.Id}:collections:2029-Q1")));
        var licences = await (await market.Admin().GetAsync($"/api/v1/parties/{w.LicenseeId}/licences")).ShouldBe(200);
        Assert.Single(licences.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_batch_shows_who_imported_what_and_when_and_the_journal_rows_it_wrote()
    {
        var w = await NewWorld();
        var before = DateTimeOffset.UtcNow;
        var created = await (await Import(market.Admin(), w, Year(w, $"CCB{Guid.NewGuid():N}"[..20]))).ShouldBe(201);
        var batch = await (await market.Admin().GetAsync($"/api/v1/onboarding-imports/{created.GetProperty("id").GetString()}")).ShouldBe(200);

        Assert.StartsWith("obi_", batch.GetProperty("id").GetString());
        Assert.Equal(w.Pool.Id, batch.GetProperty("poolId").GetString());
        var importedBy = batch.GetProperty("importedBy").GetString();
        Assert.False(string.IsNullOrEmpty(importedBy));
        Assert.Equal(market.Clock.GetUtcNow(), batch.GetProperty("importedAt").GetDateTimeOffset());
        Assert.Equal(9, batch.GetProperty("records").GetInt32());
        Assert.Equal([("rate_card", 1), ("admission", 1), ("licence", 1), ("royalty_report", 4), ("payment", 2)],
            batch.GetProperty("counts").EnumerateArray().Select(c => (c.GetProperty("kind").GetString()!, c.GetProperty("count").GetInt32())));
        Assert.Equal(("2029-01-05", "2029-12-01"), (batch.GetProperty("firstDate").GetString(), batch.GetProperty("lastDate").GetString()));
        Assert.Equal(4, batch.GetProperty("invoiceIds").GetArrayLength());

        // Journal: the pool's row, the licence's first version and the batch's own, each by the admin, written now.
        var journal = batch.GetProperty("journal").EnumerateArray().ToList();
        Assert.Equal(["licence", "onboarding-import", "pool"], journal.Select(j => j.GetProperty("state").GetString()).Order());
        Assert.All(journal, j => Assert.Equal(importedBy, j.GetProperty("caller").GetString()));
        Assert.All(journal, j => Assert.True(j.GetProperty("recordedAt").GetDateTimeOffset() >= before.AddSeconds(-5)));
        Assert.Equal(LicenceId(batch), journal.Single(j => j.GetProperty("state").GetString() == "licence").GetProperty("key").GetString());
    }
    [Fact]
    public async Task A_later_batch_pays_and_reports_on_a_licence_an_earlier_batch_imported()
    {
        var w = await NewWorld();
        var bank = $"SPD{Guid.NewGuid():N}"[..20];
        var year = Year(w, bank);
        var first = await (await Import(market.Admin(), w, year.Take(4).ToList())).ShouldBe(201); // card, admission, licence, Q1 report
        var licenceId = LicenceId(first);
        var q1 = (await market.Admin().Invoices(licenceId)).Single();
        Assert.Equal("overdue", q1.GetProperty("status").GetString()); // its due date (30 Apr 2029) has long passed

        // The next quarter's batch: Q1's payment, then the Q2 report, naming the licence by id.
        List<Dictionary<string, object?>> next = [.. year.Skip(4).Take(2).Select(r => r.Where(p => p.Key != "licence").ToDictionary(p => p.Key, p => p.Value))];
        foreach (var r in next) r["licenceId"] = licenceId;
        var second = await (await Import(market.Admin(), w, next)).ShouldBe(201);
        Assert.Empty(second.GetProperty("licences").EnumerateArray());

        var invoices = await market.Admin().Invoices(licenceId);
        Assert.Equal(["paid", "overdue"], invoices.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal("2029-04-20", invoices[0].GetProperty("paidOn").GetString());
        // Paid on 20 Apr, so nothing was overdue on 10 Jul: the Q2 report got the compliance discount, tiers continued from Q1.
        Assert.Equal(Discounted(700 * DecoderRate2), invoices[1].Amount());
        Assert.True(invoices[1].GetProperty("report").GetProperty("compliant").GetBoolean());
        Assert.Equal([$"pay:{invoices[0].GetProperty("id").GetString()}"], second.GetProperty("postingIds").Strings());
        Assert.Equal([invoices[1].GetProperty("id").GetString()!], second.GetProperty("invoiceIds").Strings());
        // The journal of the second batch shows the licence's row it wrote (not the first batch's).
        var row = second.GetProperty("journal").EnumerateArray().Single(j => j.GetProperty("state").GetString() == "licence");
        Assert.Equal((licenceId, 2L), (row.GetProperty("key").GetString(), row.GetProperty("version").GetInt64()));

        // A licence that is not the pool's is refused by id.
        next[0]["licenceId"] = "lic_0000000000000000";
        await (await Import(market.Admin(), w, next.Take(1).ToList())).ShouldBeProblem(422, "invalid_records", "records[0].licenceId");
    }
    private static Task<HttpResponseMessage> ImportCsv(HttpClient client, World w, string csv, string mediaType = "text/csv")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{w.Pool.Url}/onboarding-imports/csv")
        {
            Content = new StringContent(csv, System.Text.Encoding.UTF8, mediaType),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_quarter_exported_as_csv_imports_like_the_same_json_records()
    {
        var w = await NewWorld();
        var year = Year(w, "unused");
        var first = await (await Import(market.Admin(), w, year.Take(4).ToList())).ShouldBe(201); // card, admission, licence, Q1 report
        var licenceId = LicenceId(first);
        var q1 = (await market.Admin().Invoices(licenceId)).Single();
        var bank = $"CITIC{Guid.NewGuid():N}"[..20];
        const string header = "kind,date,licence,licenceId,licenseeId,number,period,category,region,units,bankReference,amount,currency\r\n";

        var bad = await (await ImportCsv(market.Admin(), w, header
            + $"payment,2029-04-20,,{licenceId},,,2029-Q1,decoder,,,{bank},{q1.Amount()},CNY\r\n"
            + $"royalty_report,2029-07-10,,{licenceId},,,2029-Q2,decoder,CN,many,,,\r\n")).ShouldBeProblem(400, "validation_failed", "records[1].units");
        Assert.Single(bad.GetProperty("errors").EnumerateObject());
        await (await ImportCsv(market.Admin(), w, header, "application/json")).ShouldBeProblem(415, "unsupported_media_type");
        await (await ImportCsv(market.Admin(), w, header + "rate_card,2029-07-01,,,,,,,,,,,\r\n")).ShouldBeProblem(400, "validation_failed", "records[0].kind");

        var imported = await (await ImportCsv(market.Admin(), w, header
            + $"payment,2029-04-20,,{licenceId},,,2029-Q1,decoder,,,{bank},{q1.Amount()},CNY\r\n"
            + $"royalty_report,2029-07-10,,{licenceId},,,2029-Q2,decoder,CN,700,,,\r\n")).ShouldBe(201);
        Assert.Equal(2, imported.GetProperty("records").GetInt32());
        var invoices = await market.Admin().Invoices(licenceId);
        Assert.Equal("2029-04-20", invoices[0].GetProperty("paidOn").GetString());
        Assert.Equal(Discounted(700 * DecoderRate2), invoices[1].Amount());
        await (await ImportCsv(market.Client(w.Pool.Administrator), w, header)).ShouldBeProblem(403, "forbidden");
    }
}
