using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary><c>GET /api/v1/patents?q=&amp;ipc=&amp;type=&amp;status=&amp;owner=&amp;minValue=&amp;maxValue=&amp;cursor=&amp;limit=</c></summary>
public static class PatentSearch
{
    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        IPatentCatalogue catalogue, CancellationToken cancellationToken,
        string? q = null, string? ipc = null, string? type = null, string? status = null, string? owner = null,
        string? minValue = null, string? maxValue = null, string? cursor = null, string? limit = null)
    {
        var errors = new FieldErrors();
        var query = new CatalogueQuery(
            Keywords: (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IpcPrefix: string.IsNullOrWhiteSpace(ipc) ? null : ipc,
            Type: ParseEnum<PatentType>(type, "type", errors),
            Status: ParseEnum<LegalStatus>(status, "status", errors),
            OwnerId: string.IsNullOrWhiteSpace(owner) ? null : owner,
            MinValue: ParseLong(minValue, "minValue", errors),
            MaxValue: ParseLong(maxValue, "maxValue", errors),
            After: Cursor.Decode(cursor, errors),
            Limit: (int)(ParseLong(limit, "limit", errors, 1, CatalogueQuery.MaxLimit) ?? 20));
        if (query.Keywords.Count > 10 || query.Keywords.Any(k => k.Length > 100)) errors.Add("q", "At most 10 words of at most 100 characters.");
        if (query.MinValue > query.MaxValue) errors.Add("maxValue", "maxValue must not be below minValue.");
        foreach (var (text, field) in new[] { (q, "q"), (ipc, "ipc"), (owner, "owner") })
            if (text is not null && text.Contains('\0')) errors.Add(field, "Must not contain U+0000.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var page = await catalogue.Search(query, cancellationToken);
        return TypedResults.Ok(new SearchResponse(page.Items, page.Next is null ? null : Cursor.Encode(page.Next)));
    }

    private static long? ParseLong(string? text, string field, FieldErrors errors, long min = 0, long max = long.MaxValue)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors.Add(field, $"Expected a whole number from {min} to {max}.");
        return null;
    }

    private static TEnum? ParseEnum<TEnum>(string? text, string field, FieldErrors errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (WireEnum<TEnum>.TryParse(text, out var value)) return value;
        errors.Add(field, WireEnum<TEnum>.Expected);
        return null;
    }

    /// <summary>Opaque cursors: base64url of the last patent number of the previous page.</summary>
    private static class Cursor
    {
        public static string Encode(string after) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(after)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static string? Decode(string? cursor, FieldErrors errors)
        {
            if (string.IsNullOrEmpty(cursor)) return null;
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var after = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded));
                // Cursors hold canonical patent numbers; anything else was not made here.
                if (PatentNumber.TryParse(after, out var number, out _) && number.Value == after) return after;
            }
            catch (FormatException)
            {
            }
            errors.Add("cursor", "Not a cursor returned by this API.");
            return null;
        }
    }
}
