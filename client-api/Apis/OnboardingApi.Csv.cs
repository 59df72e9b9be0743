using System.Globalization;
using CsvHelper;
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
    internal static async Task<(List<OnboardingRecordBody> Rows, Dictionary<string, string[]> Errors)> ReadCsv(Stream body)
    {
        var rows = new List<OnboardingRecordBody>(); // complete only when no error was found
        var errors = new Dictionary<string, string[]>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
        };
        await using var csv = CsvReader.Create(body, options, true);
        var (index, headerRead) = (-1, false);
        try
        {
            await csv.ReadHeaderAsync();
            headerRead = true;
            // Spreadsheets write a UTF-8 byte order mark before the header; it is not part of the first name.
            if (!csv.Headers.Select(h => h.TrimStart('\uFEFF')).SequenceEqual(CsvColumns, StringComparer.OrdinalIgnoreCase))
            {
                errors["header"] = [$"The first line is the header {string.Join(',', CsvColumns)}, in this order."];
                return (rows, errors);
            }
            while (await csv.ReadAsync())
            {
                index++;
                if (index >= OnboardingRules.MaxRecords)
                {
                    errors["records"] = [$"At most {OnboardingRules.MaxRecords} rows in one file."];
                    return (rows, errors);
                }
                if (csv.FieldCount != CsvColumns.Length)
                {
                    errors[$"records[{index}]"] = [$"Line {csv.LineNumber}: {csv.FieldCount} columns, expected {CsvColumns.Length}."];
                    continue;
                }
                if (Row(index, i => csv.GetString(i) is { Length: > 0 } text ? text : null, errors) is { } row) rows.Add(row);
            }
        }
        catch (CsvFormatException bad)
        {
            errors[headerRead ? $"records[{index + 1}]" : "header"] = [$"Not valid CSV (RFC 4180) at line {bad.LineNumber}: {bad.Message}"];
            return (rows, errors);
        }
        if (index < 0) errors["records"] = ["The file has no rows after its header."];
        return (rows, errors);
    }

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
