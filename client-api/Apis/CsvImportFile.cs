using CsvHelper;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Reads an import file (RFC 4180, UTF-8, a fixed header) row by row for the CSV imports (royalty reports, onboarding
/// records), collecting every shape error keyed <c>{rowsName}[i].column</c> (or <c>header</c>, <c>{rowsName}</c>) so
/// one answer names them all. Malformed quoting stops the read: after an unbalanced quote, what follows cannot be
/// trusted to be rows.
/// </summary>
internal static class CsvImportFile
{
    /// <param name="columns">The header, in this order (compared case-insensitively, a byte order mark ignored).</param>
    /// <param name="rowsName">What the rows are called in error keys (<c>rows</c>, <c>records</c>).</param>
    /// <param name="row">Reads row <c>i</c> from its cells (by column index), adding its errors; null when it has any.</param>
    public static async Task<(List<T> Rows, Dictionary<string, string[]> Errors)> ReadAsync<T>(
        Stream body, string[] columns, int maxRows, string rowsName, Func<int, Func<int, string?>, Dictionary<string, string[]>, T?> row)
        where T : class
    {
        var rows = new List<T>(); // complete only when no error was found
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
            if (!csv.Headers.Select(h => h.TrimStart('\uFEFF')).SequenceEqual(columns, StringComparer.OrdinalIgnoreCase))
            {
                errors["header"] = [$"The first line is the header {string.Join(',', columns)}, in this order."];
                return (rows, errors);
            }
            while (await csv.ReadAsync())
            {
                index++;
                if (index >= maxRows)
                {
                    errors[rowsName] = [$"At most {maxRows} rows in one file."];
                    return (rows, errors);
                }
                if (csv.FieldCount != columns.Length)
                {
                    errors[$"{rowsName}[{index}]"] = [$"Line {csv.LineNumber}: {csv.FieldCount} columns, expected {columns.Length}."];
                    continue;
                }
                if (row(index, csv.GetString, errors) is { } read) rows.Add(read);
            }
        }
        catch (CsvFormatException bad)
        {
            errors[headerRead ? $"{rowsName}[{index + 1}]" : "header"] = [$"Not valid CSV (RFC 4180) at line {bad.LineNumber}: {bad.Message}"];
            return (rows, errors);
        }
        if (index < 0) errors[rowsName] = ["The file has no rows after its header."];
        return (rows, errors);
    }
}
