using PatentNav.Market.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using static PatentNav.Market.Tests.Api.TransferSteps;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Tests.Infrastructure;

namespace PatentNav.Market.Tests.Api;

/// <summary>Transfers' refusals through the REST API: export control, one open transfer per patent, cancellation, who may act.</summary>
public sealed class TransfersRulesApiTests(MarketApp app) : IClassFixture<MarketApp>
{
    private static DateOnly Today => MarketClock.System.Today;

    private IServiceProvider Services => app.Services;

    [Fact]
    public async Task A_buyer_abroad_needs_the_export_documents_its_technology_calls_for()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast("US");
        var op = app.Client(cast.Operator);
        var (free, restricted) = (await admin.NewPatent(cast.Seller.PartyId), await admin.NewPatent(cast.Seller.PartyId));
        await (await admin.SetExportControl(restricted, "restricted")).ShouldBe(200);

        var opened = await app.Client(cast.Seller).Open(cast, [free, restricted]);
        var id = opened.TransferId();
        var check = opened.GetProperty("exportCheck");
        Assert.Equal(("awaiting_export_clearance", "US", true, true),
            (opened.Status(), check.GetProperty("buyerCountry").GetString(), check.GetProperty("registrationCertificateRequired").GetBoolean(), check.GetProperty("exportLicenceRequired").GetBoolean()));
        await (await op.PayTransfer(id, $"EARLY-{id}")).ShouldBeProblem(409, "invalid_transfer_state");
        await (await app.Client(cast.Seller).ClearExport(id, "2026-TE-000123", "EL-2026-0042")).ShouldBeProblem(403, "forbidden");
        await (await app.Client(await app.NewKey("operating_center", "operator")).ClearExport(id, "2026-TE-000123", "EL-2026-0042")).ShouldBeProblem(404, "transfer_not_found"); // another center

        await (await op.ClearExport(id, null, "EL-2026-0042")).ShouldBeProblem(422, "registration_certificate_required", "registrationCertificateNumber");
        await (await op.ClearExport(id, "2026-TE-000123")).ShouldBeProblem(422, "export_licence_required", "exportLicenceNumber");
        await (await op.ClearExport(id, "2026-TE-000123", "许可证")).ShouldBeProblem(400, "invalid_document_number", "exportLicenceNumber");
        var cleared = await (await op.ClearExport(id, "2026-TE-000123", "EL-2026-0042")).ShouldBe(200);
        Assert.Equal("awaiting_payment", cleared.Status());
        Assert.Equal(cast.Operator.Caller, cleared.GetProperty("exportCheck").GetProperty("clearance").GetProperty("clearedBy").GetString());
        Assert.Equal(cleared.Version(), (await (await op.ClearExport(id, "2026-TE-000123", "EL-2026-0042")).ShouldBe(200)).Version());
        await (await op.ClearExport(id, "2026-TE-000999", "EL-2026-0042")).ShouldBeProblem(409, "export_already_cleared");

        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        Assert.Equal("completed", (await (await op.RecordNotice(id, "ZLBG2026000100", Today)).ShouldBe(200)).Status());
    }

    [Fact]
    public async Task Prohibited_technology_cannot_go_abroad_whenever_it_was_classified()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast("DE");
        var op = app.Client(cast.Operator);
        var prohibited = await admin.NewPatent(cast.Seller.PartyId);
        await (await admin.SetExportControl(prohibited, "prohibited")).ShouldBe(200);
        var free = await admin.NewPatent(cast.Seller.PartyId);

        await (await app.Client(cast.Seller).OpenTransfer(TransferSteps.TransferBody(cast, [free, prohibited]))).ShouldBeProblem(409, "export_prohibited", "patents[1]");
        Assert.Equal(JsonValueKind.Null, (await admin.PatentTransfers(free)).GetProperty("openTransferId").ValueKind);

        // Classified after the transfer opened: the clearance checks the class as it is now.
        var id = (await app.Client(cast.Seller).Open(cast, [free])).TransferId();
        await (await admin.SetExportControl(free, "prohibited")).ShouldBe(200);
        await (await op.ClearExport(id, "2026-TE-000124")).ShouldBeProblem(409, "export_prohibited", "patents[0]");

        // A buyer in China may acquire it.
        var domestic = cast with { Buyer = await admin.NewKey("company", "licensee") };
        Assert.Equal("awaiting_payment", (await app.Client(cast.Seller).Open(domestic, [prohibited])).Status());
        await (await admin.SetExportControl(prohibited, "secret")).ShouldBeProblem(400, "invalid_json", "exportControl");
    }

    [Fact]
    public async Task Of_two_concurrent_transfers_of_one_patent_one_is_refused_and_a_refused_transfer_claims_nothing()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var number = await admin.NewPatent(cast.Seller.PartyId);
        var seller = app.Client(cast.Seller);
        var other = cast with { Buyer = await admin.NewKey("company", "licensee") };

        var responses = await Task.WhenAll(
            seller.OpenTransfer(TransferSteps.TransferBody(cast, [number])),
            seller.OpenTransfer(TransferSteps.TransferBody(other, [number])));

        Assert.Equal([201, 409], responses.Select(r => (int)r.StatusCode).Order());
        var winner = await responses.Single(r => (int)r.StatusCode == 201).JsonBody();
        var loser = await responses.Single(r => (int)r.StatusCode == 409).ShouldBeProblem(409, "patent_in_transfer", "patents[0]");
        Assert.Contains(winner.TransferId(), loser.GetProperty("detail").GetString());

        // Nor can a patent held by an open transfer join a pool meanwhile.
        var patent = app.Services.GetRequiredService<IGrainFactory>().GetGrain<Grains.Patents.IPatentGrain>(number);
        var joining = await Assert.ThrowsAsync<Grains.Common.DomainException>(() => patent.JoinPool("pool_any", [cast.Seller.PartyId], new DateOnly(2026, 1, 1)));
        Assert.Equal("patent_in_transfer", joining.Code);

        // A transfer of two patents, the second held elsewhere: the first is given back.
        var spare = await admin.NewPatent(cast.Seller.PartyId);
        await (await seller.OpenTransfer(TransferSteps.TransferBody(other, [spare, number]))).ShouldBeProblem(409, "patent_in_transfer", "patents[1]");
        Assert.Equal(JsonValueKind.Null, (await admin.PatentTransfers(spare)).GetProperty("openTransferId").ValueKind);

        // Once the open transfer is cancelled, the patent can be transferred again.
        Assert.Equal("cancelled", (await (await seller.CancelTransfer(winner.TransferId(), "buyer walked away")).ShouldBe(200)).Status());
        await seller.Open(other, [number]);
    }

    [Fact]
    public async Task Cancelling_refunds_escrow_exactly_once_and_after_payment_only_the_center_cancels()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var number = await admin.NewPatent(cast.Seller.PartyId);
        var op = app.Client(cast.Operator);
        var id = (await app.Client(cast.Seller).Open(cast, [number])).TransferId();
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);

        await (await app.Client(cast.Seller).CancelTransfer(id)).ShouldBeProblem(409, "transfer_paid");
        await (await app.Client(cast.Buyer).CancelTransfer(id)).ShouldBeProblem(409, "transfer_paid");
        await (await app.Client(await app.NewKey("company", "licensor")).CancelTransfer(id)).ShouldBeProblem(404, "transfer_not_found");
        await (await app.Client(await app.NewKey("operating_center", "operator")).CancelTransfer(id)).ShouldBeProblem(404, "transfer_not_found"); // another center

        var cancelled = await (await op.CancelTransfer(id, "CNIPA refused the change")).ShouldBe(200);
        Assert.Equal("cancelled", cancelled.Status());
        var closing = cancelled.GetProperty("closing");
        Assert.Equal(("CNIPA refused the change", Price), (closing.GetProperty("reason").GetString(), closing.GetProperty("refunded").GetProperty("amount").GetInt64()));
        Assert.Equal(0, cancelled.GetProperty("escrow").GetProperty("held").GetProperty("amount").GetInt64());
        Assert.Equal(cancelled.Version(), (await (await op.CancelTransfer(id)).ShouldBe(200)).Version());
        await (await op.RecordNotice(id, "ZLBG2026000200", Today)).ShouldBeProblem(409, "invalid_transfer_state");

        Assert.Equal([$"pay:{id}", $"refund:{id}"], await Services.Postings(TransferSteps.Escrow(id)));
        Assert.Equal(0, await Services.Balance(TransferSteps.Escrow(id)));
        Assert.Equal([cast.Seller.PartyId], (await admin.GetPatent(number)).GetProperty("ownerIds").Strings());
        await Services.AssertLedgerBalances();

        // Before payment the seller or the buyer may cancel; no money moves.
        var unpaid = (await app.Client(cast.Seller).Open(cast, [number])).TransferId();
        var byBuyer = await (await app.Client(cast.Buyer).PostAsync($"/api/v1/transfers/{unpaid}/cancel", null)).ShouldBe(200);
        Assert.Equal(("cancelled_by_buyer", JsonValueKind.Null),
            (byBuyer.GetProperty("closing").GetProperty("reason").GetString(), byBuyer.GetProperty("closing").GetProperty("refunded").ValueKind));
        Assert.Empty(await Services.Postings(TransferSteps.Escrow(unpaid)));
    }

    [Fact]
    public async Task Payments_are_idempotent_match_the_price_and_use_a_bank_reference_once()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var op = app.Client(cast.Operator);
        var first = (await app.Client(cast.Seller).Open(cast, [await admin.NewPatent(cast.Seller.PartyId)])).TransferId();
        var second = (await app.Client(cast.Seller).Open(cast, [await admin.NewPatent(cast.Seller.PartyId)])).TransferId();

        await (await op.PayTransfer(first, $"BANK-{first}", Price - 1)).ShouldBeProblem(422, "amount_mismatch", "amount");
        await (await app.Client(cast.Seller).PayTransfer(first, $"BANK-{first}")).ShouldBeProblem(403, "forbidden");
        await (await op.PayTransfer(first, "")).ShouldBeProblem(400, "validation_failed", "bankReference");
        var paid = await (await op.PayTransfer(first, $"BANK-{first}", key: "pay-once")).ShouldBe(200);
        Assert.Equal(paid.GetRawText(), (await (await op.PayTransfer(first, $"BANK-{first}", key: "pay-once")).ShouldBe(200)).GetRawText());
        Assert.Equal(paid.Version(), (await (await op.PayTransfer(first, $"BANK-{first}")).ShouldBe(200)).Version());
        await (await op.PayTransfer(first, $"OTHER-{first}")).ShouldBeProblem(409, "transfer_already_paid");
        await (await op.PayTransfer(second, $" bank-{first} ")).ShouldBeProblem(409, "bank_reference_used", "bankReference");

        Assert.Equal([$"pay:{first}"], await Services.Postings(TransferSteps.Escrow(first)));
        Assert.Equal(Price, await Services.Balance(TransferSteps.Escrow(first)));
        Assert.Equal(0, await Services.Balance(TransferSteps.Escrow(second)));
        await Services.AssertLedgerBalances();
    }

    [Fact]
    public async Task Opening_a_transfer_checks_fields_parties_patents_and_who_asks()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var seller = app.Client(cast.Seller);
        var number = await admin.NewPatent(cast.Seller.PartyId);
        var strangers = await admin.NewPatent(await app.CreateParty());
        var body = TransferSteps.TransferBody(cast, [number]);
        Dictionary<string, object?> With(string field, object? value) => new(body) { [field] = value };

        var invalid = await (await seller.OpenTransfer(new { })).ShouldBeProblem(400, "validation_failed");
        Assert.Equal(["buyerId", "patents", "price", "sellerId"], invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        await (await seller.PostJson("/api/v1/transfers", body)).ShouldBeProblem(400, "idempotency_key_required", "Idempotency-Key");
        await (await seller.OpenTransfer(With("price", new { amount = 100, currency = "XXX" }))).ShouldBeProblem(400, "unknown_currency", "price.currency");
        await (await seller.OpenTransfer(With("price", new { amount = 0, currency = "CNY" }))).ShouldBeProblem(400, "invalid_amount", "price.amount");
        await (await seller.OpenTransfer(With("patents", new[] { number, number }))).ShouldBeProblem(400, "duplicate_patent", "patents[1]");
        await (await seller.OpenTransfer(With("poolOption", "merge"))).ShouldBeProblem(400, "invalid_json", "poolOption");
        await (await seller.OpenTransfer(With("centerId", null))).ShouldBeProblem(400, "required", "centerId");
        await (await seller.OpenTransfer(With("sellerId", cast.Buyer.PartyId))).ShouldBeProblem(403, "forbidden", "sellerId");
        await (await seller.OpenTransfer(With("buyerId", cast.Seller.PartyId))).ShouldBeProblem(422, "self_transfer", "buyerId");
        await (await seller.OpenTransfer(With("buyerId", "pty_0000000000000000"))).ShouldBeProblem(422, "unknown_party", "buyerId");
        await (await seller.OpenTransfer(With("centerId", cast.Buyer.PartyId))).ShouldBeProblem(422, "not_operating_center", "centerId");
        await (await seller.OpenTransfer(With("patents", new[] { ApiSteps.NewNumber() }))).ShouldBeProblem(422, "unknown_patent", "patents[0]");
        await (await seller.OpenTransfer(With("patents", new[] { strangers }))).ShouldBeProblem(422, "not_owner", "patents[0]");
        await (await app.Client(cast.Buyer).OpenTransfer(body)).ShouldBeProblem(403, "forbidden");
        // An operator puts no one's patents on sale, not even under its own center (docs/TENANCY.md).
        await (await app.Client(cast.Operator).OpenTransfer(body)).ShouldBeProblem(403, "forbidden");
        await (await admin.OpenTransfer(With("centerId", null))).ShouldBeProblem(400, "required", "centerId");

        // The same key again replays the first answer: one transfer, whose id derives from the key.
        var created = await (await seller.OpenTransfer(body, "open-once")).ShouldBe(201);
        var replay = await (await seller.OpenTransfer(body, "open-once")).ShouldBe(201);
        Assert.Equal(created.TransferId(), replay.TransferId());
        Assert.StartsWith("trf_", created.TransferId());

        // Seen by its parties (the center among them) only.
        await app.Client(cast.Buyer).Transfer(created.TransferId());
        await app.Client(cast.Operator).Transfer(created.TransferId());
        await (await app.Client(await app.NewKey("operating_center", "operator")).GetAsync($"/api/v1/transfers/{created.TransferId()}")).ShouldBeProblem(404, "transfer_not_found");
        await (await app.Client(await app.NewKey("company", "licensee")).GetAsync($"/api/v1/transfers/{created.TransferId()}")).ShouldBeProblem(404, "transfer_not_found");
        await (await admin.GetAsync("/api/v1/transfers/trf_0000000000000000")).ShouldBeProblem(404, "transfer_not_found");
    }

    [Fact]
    public async Task A_pooled_patent_brings_the_buyer_into_the_pool_or_leaves_it_at_period_end()
    {
        var pool = await app.NewPool();
        var op = app.Client(pool.Administrator);
        var (acceded, owner) = await app.MemberPatent(pool);
        await (await app.Admit(pool, acceded)).ShouldBe(201);
        var withdrawn = await app.Admin().NewPatent(owner);
        await (await app.Admit(pool, withdrawn)).ShouldBe(201);
        var buyer = await app.NewKey("company", "licensee");
        var cast = new TransferCast(pool.Administrator, PoolSteps.Holder(acceded), buyer);
        var seller = app.Client(cast.Seller);

        await (await seller.OpenTransfer(TransferSteps.TransferBody(cast, [acceded]))).ShouldBeProblem(422, "pool_option_required", "poolOption");

        var joined = await Complete(seller, op, cast, acceded, "accede");
        Assert.Equal((pool.Id, "accede", JsonValueKind.Null), PoolOutcome(joined));
        var view = await app.Admin().GetPool(pool);
        Assert.Contains(view.GetProperty("members").EnumerateArray(), m => m.GetProperty("partyId").GetString() == buyer.PartyId);
        Assert.Contains(view.GetProperty("patents").EnumerateArray(), p => p.GetProperty("number").GetString() == acceded && p.GetProperty("withdrawnOn").ValueKind == JsonValueKind.Null);

        var left = await Complete(seller, op, cast, withdrawn, "withdraw");
        var nextPeriod = DistributionPeriods.NextStart(DistributionPeriod.Quarterly, Today);
        Assert.Equal((pool.Id, "withdraw", JsonValueKind.String), PoolOutcome(left));
        Assert.Equal(nextPeriod.Iso(), left.GetProperty("completion").GetProperty("pools")[0].GetProperty("withdrawnOn").GetString());
        var membership = (await app.Admin().GetPatent(withdrawn)).GetProperty("pools")[0];
        Assert.Equal(nextPeriod.Iso(), membership.GetProperty("withdrawnOn").GetString());
    }

    [Fact]
    public async Task Once_a_patent_has_passed_the_transfer_can_only_be_finished_not_cancelled()
    {
        var admin = app.Admin();
        var cast = await admin.NewCast();
        var (first, second) = (await admin.NewPatent(cast.Seller.PartyId), await admin.NewPatent(cast.Seller.PartyId));
        var op = app.Client(cast.Operator);
        var id = (await app.Client(cast.Seller).Open(cast, [first, second])).TransferId();
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        // What a recordation stopped half-way leaves behind (an operator's act between the checks and the change).
        await app.Grains().GetGrain<IPatentTransfers>(first).CompleteTransfer(
            new CompletePatentTransfer(id, cast.Seller.PartyId, cast.Buyer.PartyId, [], Today, "ZLBG2026000300"));

        await (await op.CancelTransfer(id)).ShouldBeProblem(409, "recordation_in_progress");
        Assert.Equal(Price, await Services.Balance(TransferSteps.Escrow(id)));

        var done = await (await op.RecordNotice(id, "ZLBG2026000300", Today)).ShouldBe(200);
        Assert.Equal("completed", done.Status());
        foreach (var number in new[] { first, second })
            Assert.Equal(id, (await admin.PatentTransfers(number)).GetProperty("transfers")[0].GetProperty("transferId").GetString());
        Assert.Equal([$"pay:{id}", $"release:{id}"], await Services.Postings(TransferSteps.Escrow(id)));
    }

    [Fact]
    public async Task The_transfer_endpoints_are_in_the_openapi_document()
    {
        var doc = await (await app.ClientWith(null).GetAsync("/openapi/v1.json")).ShouldBe(200);
        var paths = doc.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/transfers", "/api/v1/transfers/{id}", "/api/v1/transfers/{id}/consents", "/api/v1/transfers/{id}/export-clearance",
            "/api/v1/transfers/{id}/payments", "/api/v1/transfers/{id}/recordation", "/api/v1/transfers/{id}/cancel",
            "/api/v1/patents/{number}/export-control", "/api/v1/patents/{number}/transfers", "/api/v1/operating-centers/{id}" })
            Assert.True(paths.TryGetProperty(path, out _) || paths.TryGetProperty(path + "/", out _), $"{path} is not documented");
    }

    /// <summary>The seller opens, the center's operator takes the payment and records the notice.</summary>
    private static async Task<JsonElement> Complete(HttpClient seller, HttpClient op, TransferCast cast, string number, string poolOption)
    {
        var id = (await (await seller.OpenTransfer(TransferSteps.TransferBody(cast, [number], poolOption: poolOption))).ShouldBe(201)).TransferId();
        await (await op.PayTransfer(id, $"BANK-{id}")).ShouldBe(200);
        return await (await op.RecordNotice(id, $"ZLBG-{id[4..]}", Today)).ShouldBe(200);
    }

    private static (string?, string?, JsonValueKind) PoolOutcome(JsonElement transfer)
    {
        var outcome = transfer.GetProperty("completion").GetProperty("pools")[0];
        return (outcome.GetProperty("poolId").GetString(), outcome.GetProperty("option").GetString(), outcome.GetProperty("withdrawnOn").ValueKind);
    }
}
