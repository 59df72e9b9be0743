using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Onboarding;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Payments;
using PatentNav.Market.Grains.Pools;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Onboarding an existing pool (admin only): the records an operating center brings from its old system, with their real
/// past dates, imported through the same grains and rules as live traffic (docs/API.md, "Onboarding an existing pool").
/// The gateway checks each record's shape; the batch grain checks the batch and every record's rules, then writes all.
/// </summary>
public static partial class OnboardingApi
{
    public const int MaxLicenceRef = 100;

    public static RouteGroupBuilder MapOnboardingApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1").WithTags("Onboarding").RequireAuthorization();
        api.MapPost("/pools/{id}/onboarding-imports", Import).RequireRoles(Role.Admin).RequireIdempotencyKey()
            .WithSummary("Import a pool's past records (onboarding)")
            .WithDescription("Admin only. 1–2000 records of the pool's history in the order they happened (`date` never decreasing, none after today): `rate_card`, `admission`, `licence`, `royalty_report`, `payment`. Each goes through the live rules as on its own date: a card is published that day, a report is priced by the card in force for it and the licensee's compliance that day, a payment is booked with a ledger posting dated that day. All or nothing: any refused record refuses the batch (422 `invalid_records`, errors keyed `records[i].field`, each message starting with the rule's code) and nothing is written. Every state it writes carries the batch id and the admin (`onboarding`), so the journal shows who, when and what. Idempotency-Key required; a retry imports nothing twice. Answers 201 with the batch.")
            .Produces<OnboardingImportResponse>(StatusCodes.Status201Created)
            .Refuses(400, "validation_failed")
            .Refuses(403, "forbidden")
            .Refuses(404, "pool_not_found")
            .Refuses(409, "onboarding_import_exists")
            .Refuses(422, "invalid_records")
            .WithRequestExample(new OnboardingImportRequest(
            [
                new("rate_card", new DateOnly(2025, 1, 6), RateCard: new RateCardBody(1, "CNY", new DateOnly(2025, 1, 6),
                    [new CategoryRatesBody("ev_battery_pack", [new TierBody(20_000, "500"), new TierBody(null, "350")], null)], null, null, null, 500)),
                new("admission", new DateOnly(2025, 1, 6), Number: "201810245671.2"),
                new("licence", new DateOnly(2025, 1, 6), Licence: "junma", LicenseeId: "pty_0123456789abcdef"),
                new("royalty_report", new DateOnly(2025, 4, 10), Licence: "junma", Period: "2025-Q1", Category: "ev_battery_pack", Region: "CN", Units: 6_200),
                new("payment", new DateOnly(2025, 4, 20), Licence: "junma", Period: "2025-Q1", Category: "ev_battery_pack",
                    BankReference: "CMB2025042000001", Amount: new MoneyRequest(294_500_00, "CNY")),
            ]));
        api.MapGet("/onboarding-imports/{id}", Get).RequireRoles(Role.Admin)
            .WithSummary("An onboarding import")
            .WithDescription("Admin only. Who imported the batch and when, how many records of each kind, the licences it created, the invoices its reports issued, the postings of its payments and their totals.")
            .Refuses(403, "forbidden")
            .Refuses(404, "onboarding_import_not_found");
        MapCsv(api);
        return api;
    }

    public static async Task<Results<Created<OnboardingImportResponse>, ProblemHttpResult>> Import(
        string id, OnboardingImportRequest request, HttpContext http, IGrainFactory grains, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var records = Read(request, errors);
        if (errors.Any) return Problems.Create(400, "validation_failed", "The batch is not well formed; nothing was imported.", errors.ToDictionary());
        var batchId = IdempotencyFilter.DerivedId(http, "obi_");
        var batch = await grains.GetGrain<IOnboardingImportGrain>(batchId).Import(new OnboardingBatch(id, records));
        return TypedResults.Created($"/api/v1/onboarding-imports/{batch.Id}", await Response(batch, audit, cancellationToken));
    }

    public static async Task<Results<Ok<OnboardingImportResponse>, ProblemHttpResult>> Get(
        string id, IGrainFactory grains, IAuditTrail audit, CancellationToken cancellationToken) =>
        await grains.GetGrain<IOnboardingImportGrain>(id).Get() is { } batch
            ? TypedResults.Ok(await Response(batch, audit, cancellationToken))
            : Problems.NotFound("onboarding_import_not_found", $"Onboarding import {id} does not exist.");

    /// <summary>The batch with the journal rows it wrote: the pool's row that carries its mark, each licence's, its own.</summary>
    private static async Task<OnboardingImportResponse> Response(OnboardingImportView b, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var journal = new List<OnboardingJournalEntry>();
        async Task Add(string state, string key, Func<AuditEntry, bool> mine)
        {
            foreach (var e in await audit.History(state, key, 0, 1_000, cancellationToken))
                if (mine(e)) journal.Add(new OnboardingJournalEntry(state, key, e.Version, e.Operation, e.Caller, e.RecordedAt));
        }
        bool Mine(AuditEntry e) => e.Operation == nameof(IPoolGrain.Onboard) && e.Changes.GetRawText().Contains(b.Id, StringComparison.Ordinal);
        await Add("pool", b.PoolId, Mine);
        // The licences it created, and those whose invoices it reported or paid (pay:{invoiceId}[:n]).
        var licences = b.Licences.Select(l => l.LicenceId)
            .Concat(b.InvoiceIds.Concat(b.PostingIds.Select(p => p.Split(':')[1])).Select(Invoice.LicenceIdOf).OfType<string>())
            .Distinct(StringComparer.Ordinal);
        foreach (var licence in licences) await Add("licence", licence, Mine);
        await Add("onboarding-import", b.Id, _ => true);
        return new OnboardingImportResponse(b.Id, b.PoolId, b.ImportedBy, b.ImportedAt, b.Records, b.Counts, b.FirstDate, b.LastDate,
            b.Licences, b.InvoiceIds, b.PostingIds, b.Invoiced, b.Collected, journal);
    }

    /// <summary>The records with their shape checked, errors keyed <c>records[i].field</c>.</summary>
    internal static List<OnboardingRecord> Read(OnboardingImportRequest request, FieldErrors errors)
    {
        var records = new List<OnboardingRecord>();
        if (!errors.Required(request.Records, "records")) return records;
        if (request.Records.Count is 0 or > OnboardingRules.MaxRecords)
        {
            errors.Add("records", $"Import 1 to {OnboardingRules.MaxRecords} records.");
            return records;
        }
        for (var i = 0; i < request.Records.Count; i++)
        {
            string F(string field) => $"records[{i}].{field}";
            var body = request.Records[i];
            if (!errors.Required(body, $"records[{i}]")) continue;
            var before = errors.ToDictionary().Count;
            var kind = Kind(body.Kind, F("kind"), errors);
            errors.Required(body.Date, F("date"));
            RateCard? card = null;
            Money? amount = null;
            switch (kind)
            {
                case OnboardingRecordKind.RateCard:
                    if (errors.Required(body.RateCard, F("rateCard")))
                    {
                        var cardErrors = new FieldErrors();
                        card = RateCardWire.ToDomain(body.RateCard, cardErrors);
                        foreach (var (field, messages) in cardErrors.ToDictionary()) foreach (var m in messages) errors.Add(F($"rateCard.{field}"), m);
                    }
                    break;
                case OnboardingRecordKind.Admission:
                    if (errors.Required(body.Number, F("number")) && !PatentNumber.TryParse(body.Number, out _, out var error))
                        errors.Add(F("number"), error);
                    break;
                case OnboardingRecordKind.Licence:
                    LicenceRef(body.Licence, F("licence"), errors);
                    errors.Required(body.LicenseeId, F("licenseeId"));
                    break;
                case OnboardingRecordKind.RoyaltyReport or OnboardingRecordKind.Payment:
                    if (body.LicenceId is null) LicenceRef(body.Licence, F("licence"), errors);
                    else if (body.Licence is not null) errors.Add(F("licenceId"), "Name the licence by licence (this batch) or licenceId (an existing one), not both.");
                    else if (!System.Text.RegularExpressions.Regex.IsMatch(body.LicenceId.Trim(), @"^lic_[0-9a-f]{16}\z"))
                        errors.Add(F("licenceId"), "A licence id is lic_ and 16 hex digits.");
                    if (errors.Required(body.Period, F("period")) && !ReportingPeriod.TryParse(body.Period, out _))
                        errors.Add(F("period"), "Write a calendar quarter such as 2026-Q3.");
                    LicenceRequests.RequireText(body.Category, F("category"), errors);
                    if (kind == OnboardingRecordKind.RoyaltyReport)
                    {
                        LicenceRequests.RequireText(body.Region, F("region"), errors);
                        if (errors.Required(body.Units, F("units")) && body.Units is < 0 or > LicenceGrain.MaxUnits)
                            errors.Add(F("units"), $"A whole number of units from 0 to {LicenceGrain.MaxUnits}.");
                        break;
                    }
                    if (errors.Required(body.BankReference, F("bankReference")))
                    {
                        var reference = PaymentReferences.Normalize(PaymentReferences.Offline, body.BankReference);
                        if (reference.Length > InvoicePayment.MaxReferenceLength || reference.Any(char.IsControl))
                            errors.Add(F("bankReference"), $"1 to {InvoicePayment.MaxReferenceLength} characters, no control characters.");
                    }
                    if (errors.Required(body.Amount, F("amount")) & errors.Required(body.Amount?.Amount, F("amount.amount"))
                        & errors.Required(body.Amount?.Currency, F("amount.currency")))
                    {
                        if (!Currencies.IsKnown(body.Amount!.Currency)) errors.Add(F("amount.currency"), $"'{body.Amount.Currency}' is not a supported ISO 4217 currency code.");
                        else if (body.Amount.Amount <= 0) errors.Add(F("amount.amount"), "A payment is a positive amount.");
                        else amount = new Money(body.Amount.Amount!.Value, body.Amount.Currency!);
                    }
                    break;
            }
            if (errors.ToDictionary().Count != before) continue;
            records.Add(new OnboardingRecord(i, kind!.Value, body.Date!.Value, card, body.Number?.Trim(), body.Licence?.Trim(), body.LicenseeId?.Trim(),
                body.Period?.Trim(), body.Category, body.Region, body.Units, body.BankReference?.Trim(), amount, body.LicenceId?.Trim()));
        }
        return records;
    }

    private static readonly Dictionary<string, OnboardingRecordKind> Kinds = new(StringComparer.Ordinal)
    {
        ["rate_card"] = OnboardingRecordKind.RateCard,
        ["admission"] = OnboardingRecordKind.Admission,
        ["licence"] = OnboardingRecordKind.Licence,
        ["royalty_report"] = OnboardingRecordKind.RoyaltyReport,
        ["payment"] = OnboardingRecordKind.Payment,
    };

    private static OnboardingRecordKind? Kind(string? text, string field, FieldErrors errors)
    {
        if (!errors.Required(text, field)) return null;
        if (Kinds.TryGetValue(text, out var kind)) return kind;
        errors.Add(field, $"One of {string.Join(", ", Kinds.Keys)}.");
        return null;
    }

    private static void LicenceRef(string? text, string field, FieldErrors errors)
    {
        if (errors.Required(text, field) && text.Trim().Length > MaxLicenceRef) errors.Add(field, $"At most {MaxLicenceRef} characters.");
    }
}
