using System.Globalization;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Onboarding;
using PatentNav.Market.Grains.Parties;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// The same import from a CSV file, as old systems export their records: one row a record, the JSON fields as columns
/// (money as <c>amount</c> in minor units and <c>currency</c>). A rate card has no flat form: cards go in a JSON batch.
/// Each row becomes the record the JSON body would have held and goes the same way, errors keyed <c>records[i].field</c>.
/// </summary>
public static partial class OnboardingApi
{
    /// <summary>The header of an onboarding file, in this order.</summary>
    public static readonly string[] CsvColumns =
        ["kind", "date", "licence", "licenceId", "licenseeId", "number", "period", "category", "region", "units", "bankReference", "amount", "currency"];

    private static void MapCsv(RouteGroupBuilder api) =>
        api.MapPost("/pools/{id}/onboarding-imports/csv", ImportCsv).RequireRoles(Role.Admin).RequireIdempotencyKey()
            .Accepts<string>("text/csv")
            .WithSummary("Import a pool's past records from CSV (onboarding)")
            .WithDescription("Admin only. A text/csv body (RFC 4180, UTF-8) with the header kind,date,licence,licenceId,licenseeId,number,period,category,region,units,bankReference,amount,currency and 1–2000 rows, each one record as the JSON batch takes it (`amount` in minor units with its `currency`; empty cells are absent fields). Rate cards are JSON only (`rate_card` rows are refused). Everything else as `POST …/onboarding-imports`: all or nothing, errors keyed records[i].field (i counts data rows from 0), Idempotency-Key required.")
            .Produces<OnboardingImportResponse>(StatusCodes.Status201Created)
            .Refuses(400, "validation_failed")
            .Refuses(403, "forbidden")
            .Refuses(404, "pool_not_found")
            .Refuses(409, "onboarding_import_exists")
            .Refuses(415, "unsupported_media_type")
            .Refuses(422, "invalid_records");

    public static async Task<Results<Created<OnboardingImportResponse>, ProblemHttpResult>> ImportCsv(
        string id, HttpRequest request, HttpContext http, IGrainFactory grains, IAuditTrail audit, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Problems.Create(415, "unsupported_media_type", "Send the file as Content-Type: text/csv.");
        var (bodies, errors) = await ReadCsv(request.Body);
        var fields = new FieldErrors();
        foreach (var (field, messages) in errors) foreach (var m in messages) fields.Add(field, m);
        var records = errors.Count == 0 ? Read(new OnboardingImportRequest(bodies), fields) : [];
        if (fields.Any) return Problems.Create(400, "validation_failed", "The file is not a valid import; nothing was imported.", fields.ToDictionary());
        var batch = await grains.GetGrain<IOnboardingImportGrain>(IdempotencyFilter.DerivedId(http, "obi_")).Import(new OnboardingBatch(id, records));
        return TypedResults.Created($"/api/v1/onboarding-imports/{batch.Id}", await Response(batch, audit, cancellationToken));
    }

    /// <summary>Each row as the JSON record it stands for; shape errors keyed <c>records[i].column</c> (or <c>header</c>, <c>records</c>).</summary>
    internal static Task<(List<OnboardingRecordBody> Rows, Dictionary<string, string[]> Errors)> ReadCsv(Stream body) =>
        CsvImportFile.ReadAsync(body, CsvColumns, OnboardingRules.MaxRecords, "records",
            (index, cell, errors) => Row(index, i => cell(i) is { Length: > 0 } text ? text : null, errors));

    private static OnboardingRecordBody? Row(int index, Func<int, string?> cell, Dictionary<string, string[]> errors)
    {
        string F(string column) => $"records[{index}].{column}";
        var kind = cell(0);
        if (kind == "rate_card")
        {
            errors[F("kind")] = ["A rate card has no CSV form: import it in a JSON batch (POST …/onboarding-imports)."];
            return null;
        }
        DateOnly? date = null;
        if (cell(1) is { } day)
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) date = parsed;
            else errors[F("date")] = ["A date as yyyy-MM-dd."];
        long? Whole(int column, string name)
        {
            if (cell(column) is not { } text) return null;
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            errors[F(name)] = ["A whole number."];
            return null;
        }
        var units = Whole(9, "units");
        var amount = Whole(11, "amount");
        var money = amount is null && cell(12) is null ? null : new MoneyRequest(amount, cell(12));
        return new OnboardingRecordBody(kind, date, null, cell(5), cell(2), cell(4), cell(6), cell(7), cell(8), units, cell(10), money, cell(3));
    }
}
