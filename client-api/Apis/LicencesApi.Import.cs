using System.Globalization;
using PatentNav.Market.ClientApi.Idempotency;
using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Royalty reports imported from a CSV file, as pools' licensee portals take them: one file, many categories, regions and
/// periods, all or nothing. The gateway checks each row's shape; the licence grain checks each row's rules and records
/// every row in one state write, or none.
/// </summary>
public static partial class LicencesApi
{
    /// <summary>The header of an import file, in this order.</summary>
    public static readonly string[] CsvColumns = ["period", "category", "region", "units"];

    private static void MapCsvImport(RouteGroupBuilder api) =>
        api.MapPost("/licences/{id}/royalty-reports/import", ImportReports).RequireRoles(Role.Licensee).RequireIdempotencyKey()
            .Accepts<string>("text/csv")
            .WithSummary("Import royalty reports from CSV")
            .WithDescription("A text/csv body (RFC 4180, UTF-8) with the header period,category,region,units and 1–1000 rows, each one report as POST …/royalty-reports takes it. All or nothing: any refused row refuses the file, with errors keyed rows[i].column (i counts data rows from 0), and nothing is recorded; otherwise every row's invoice is issued in one write. The licence's licensee (or the admin); Idempotency-Key required.")
            .Produces<RoyaltyImportResponse>(StatusCodes.Status201Created)
            .Refuses(400, "validation_failed")
            .Refuses(403, "forbidden")
            .Refuses(404, "licence_not_found")
            .Refuses(415, "unsupported_media_type")
            .Refuses(422, "invalid_rows");

    public static async Task<Results<Created<RoyaltyImportResponse>, ProblemHttpResult>> ImportReports(
        string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Problems.Create(415, "unsupported_media_type", "Send the file as Content-Type: text/csv.");
        if (await Visible(id, user, grains) is not { } licence) return NotFound(id);
        if (user.PartyId() is { } party && party != licence.LicenseeId)
            return Problems.Create(403, "forbidden", "Only the licensee reports on its licence.");

        var (rows, errors) = await ReadCsv(request.Body);
        if (errors.Count > 0) return Problems.Create(400, "validation_failed", "The file is not a valid import; nothing was imported.", errors);
        var invoices = await grains.GetGrain<ILicenceGrain>(id).ImportRoyaltyReports(rows);
        return TypedResults.Created($"/api/v1/licences/{id}/invoices", new RoyaltyImportResponse(id, invoices.Count, invoices));
    }

    /// <summary>The file's rows and the shape errors found, keyed <c>rows[i].column</c> (or <c>header</c>, <c>rows</c>).</summary>
    internal static Task<(List<ReportRoyalties> Rows, Dictionary<string, string[]> Errors)> ReadCsv(Stream body) =>
        CsvImportFile.ReadAsync(body, CsvColumns, LicenceGrain.MaxImportRows, "rows",
            (index, cell, errors) => ReadRow(index, cell(0), cell(1), cell(2), cell(3), errors));

    private static ReportRoyalties? ReadRow(int index, string? period, string? category, string? region, string? units, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        string Field(string column) => $"rows[{index}].{column}";
        if (!ReportingPeriod.TryParse(period, out _))
            errors[Field("period")] = ["Write a calendar quarter such as 2026-Q3."];
        foreach (var (column, text) in new[] { ("category", category), ("region", region) })
            if (string.IsNullOrWhiteSpace(text)) errors[Field(column)] = ["Required."];
            else if (text.Length > 100) errors[Field(column)] = ["At most 100 characters."];
        if (!long.TryParse(units, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > LicenceGrain.MaxUnits)
            errors[Field("units")] = [$"A whole number of units from 0 to {LicenceGrain.MaxUnits}."];
        return errors.Count == before ? new ReportRoyalties(period!, category!, region!, count) : null;
    }
}
